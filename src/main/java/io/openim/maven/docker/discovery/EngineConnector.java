package io.openim.maven.docker.discovery;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.EngineUnavailableException;
import io.openim.maven.docker.EngineVersion;
import io.openim.maven.setting.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens the first endpoint that answers. When none does, one error lists every endpoint with
 * the reason it failed and says how to start or point at an engine.
 */
public final class EngineConnector {

    private final Function<EngineEndpoint, DockerEngine> opener;
    private final Consumer<String> warnings;

    public EngineConnector(Function<EngineEndpoint, DockerEngine> opener, Consumer<String> warnings) {
        this.opener = opener;
        this.warnings = warnings;
    }

    public DockerEngine connect(List<EngineEndpoint> candidates) {
        List<String> failures = new ArrayList<>();
        boolean onlyNothingListensHere = true;
        for (EngineEndpoint endpoint : candidates) {
            DockerEngine engine;
            try {
                engine = opener.apply(endpoint);
            } catch (RuntimeException e) {
                ConnectFailure.Explained why = ConnectFailure.explain(endpoint, e);
                failures.add("  " + endpoint + ": " + why.text());
                onlyNothingListensHere &= why.nothingListensHere();
                continue;
            }
            EngineVersion version = engine.version();
            if (!version.apiAtLeast(EngineVersion.MINIMUM_API)) {
                engine.close();
                throw new EngineException(
                        "The Docker engine at " + endpoint + " speaks API " + version.apiVersion()
                                + " (Engine " + version.engineVersion() + "); openim-maven-plugin needs API "
                                + EngineVersion.MINIMUM_API
                                + " (Docker Engine 20.10) or newer. Upgrade the engine or point"
                                + " " + Setting.DOCKER_HOST.describe() + " at a newer one.",
                        EngineException.Reason.OTHER);
            }
            if (!failures.isEmpty()) {
                warnings.accept("Using the Docker engine at " + endpoint + "; these did not answer:\n"
                        + String.join("\n", failures));
            }
            return engine;
        }
        if (candidates.size() == 1) {
            // The engine the user named: its own reason and fix, nothing generic.
            throw new EngineUnavailableException("The Docker engine at " + candidates.get(0) + " did not answer: "
                    + failures.get(0).substring(failures.get(0).indexOf(": ") + 2)
                    + (onlyNothingListensHere
                            ? ". Start Docker (for example `sudo systemctl start docker`), or point "
                                    + Setting.DOCKER_HOST.describe() + " at a running engine."
                            : failures.get(0).endsWith(".") ? "" : "."));
        }
        throw new EngineUnavailableException("No Docker engine answered. Tried, in order:\n"
                + String.join("\n", failures)
                + (onlyNothingListensHere
                        ? "\nStart Docker (for example `sudo systemctl start docker`, or `dockerd &`), or point the"
                                + " plugin at a running engine with " + Setting.DOCKER_HOST.describe("tcp://HOST:2375")
                                + " or the DOCKER_HOST variable."
                        : ""));
    }
}
