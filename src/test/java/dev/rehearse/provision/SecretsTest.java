package dev.rehearse.provision;

import dev.rehearse.InvalidInputException;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTest {

    @Test
    void aUrlsPasswordIsMaskedWhereverItSits() {
        assertThat(Secrets.mask("jdbc:postgresql://db:5432/app?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=u&password=***&ssl=true");
        assertThat(Secrets.mask("jdbc:mysql://u:s3cret@db:3306/app")).isEqualTo("jdbc:mysql://u:***@db:3306/app");
        assertThat(Secrets.mask("jdbc:postgresql://db/app?sslpassword=k3y")).doesNotContain("k3y");
        assertThat(Secrets.mask("FATAL: password authentication failed (s3cret)", "s3cret")).doesNotContain("s3cret");
        assertThat(Secrets.mask("jdbc:postgresql://127.0.0.1:5432/postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    @Test
    void theRefusalOfAnExternalTargetDoesNotEchoItsPassword() {
        var external = new Scenario.External("jdbc:postgresql://db/prod?password=s3cret", "u", null, false);
        assertThatThrownBy(() -> new ExternalProvisioner(external, role -> new Properties()).start(EngineSpec.parse("postgres:16")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("password=***").hasMessageNotContaining("s3cret");
    }
}
