package dev.rehearse.provision;

import dev.rehearse.RehearsalFailedException;
import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.nio.file.Path;

/**
 * Resolves an artifact as Maven would: the user's settings.xml (mirrors, proxies, offline flag,
 * local repository), the local repository first, Maven Central otherwise.
 */
public final class MavenArtifacts {

    private MavenArtifacts() {}

    public static Path resolve(String coordinates) {
        return resolve(coordinates, null);
    }

    /** @param settingsXml a user settings.xml to use instead of {@code ~/.m2/settings.xml}, or null */
    public static Path resolve(String coordinates, Path settingsXml) {
        ContextOverrides.Builder builder = ContextOverrides.create()
                .withUserSettings(true)
                .offline(Boolean.getBoolean("rehearse.offline") || "true".equals(System.getenv("REHEARSE_OFFLINE")));
        if (settingsXml != null) builder.withUserSettingsXmlOverride(settingsXml);
        ContextOverrides overrides = builder.build();
        try (Context context = Runtimes.INSTANCE.getRuntime().create(overrides)) {
            ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(coordinates),
                    context.remoteRepositories(), null);
            return context.repositorySystem()
                    .resolveArtifact(context.repositorySystemSession(), request)
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new RehearsalFailedException("cannot resolve " + coordinates
                    + " from the local Maven repository or its remote repositories: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }
}
