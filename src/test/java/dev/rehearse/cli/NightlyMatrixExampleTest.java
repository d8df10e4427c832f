package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rehearse.model.Matrix;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped GitHub Actions nightly example fans out over shards that cover every engine once, then merges. */
class NightlyMatrixExampleTest {

    @Test
    void everyEngineRunsInExactlyOneShardAndTheMergeJoinsThemAll() throws Exception {
        JsonNode wf = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("docker/ci/examples/github-nightly-matrix.yml").toFile());
        List<String> engines = MatrixCommand.units(List.of(wf.get("env").get("ENGINES").asText().split(",")));
        assertThat(engines).hasSizeGreaterThanOrEqualTo(4);
        JsonNode shards = wf.get("jobs").get("shard").get("strategy").get("matrix").get("shard");
        List<Matrix.Shard> slices = new ArrayList<>();
        shards.forEach(s -> slices.add(MatrixCommand.shard(s.asText() + "/" + shards.size(), engines.size())));
        for (int k = 0; k < engines.size(); k++) {
            int position = k;
            assertThat(slices.stream().filter(s -> s.owns(position)).count()).as(engines.get(k)).isEqualTo(1);
        }
        String steps = wf.get("jobs").get("shard").get("steps").toString();
        assertThat(steps).contains("matrix \\\"$SCENARIO\\\" --engines \\\"$ENGINES\\\" --shard \\\"${{ matrix.shard }}/"
                + shards.size() + "\\\"");
        JsonNode merge = wf.get("jobs").get("merge");
        assertThat(merge.get("needs").asText()).isEqualTo("shard");
        assertThat(merge.get("steps").toString()).contains("report merge shards/matrix-shard-*");
    }
}
