package io.openim.maven.run;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.ContainerSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An interactive shell in the build container. It hands the terminal to the docker CLI,
 * because docker-java's attach of stdin is known to hang; the container spec is the same one
 * {@link BuildContainerRunner} uses.
 */
public final class InteractiveShell {

    private final String engineHost;

    public InteractiveShell(String engineHost) {
        this.engineHost = engineHost;
    }

    public int run(BuildContainerRunner.Options options) {
        List<String> command = commandLine(engineHost, BuildContainerRunner.spec(options, "", true).build());
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            return process.waitFor();
        } catch (IOException e) {
            throw new OpenImException("openim:shell needs the docker command-line client on PATH (" + e.getMessage()
                    + "). Install it, or use openim:run for single commands.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while the shell ran");
        }
    }

    static List<String> commandLine(String engineHost, ContainerSpec spec) {
        List<String> args = new ArrayList<>(List.of("docker", "-H", engineHost, "run", "--rm", "-it",
                "--name", spec.name(), "--hostname", spec.hostname(), "--workdir", spec.workingDir()));
        if (spec.user() != null) {
            args.add("--user=" + spec.user());
        }
        if (spec.networkMode() != null) {
            args.add("--network=" + spec.networkMode());
        }
        spec.volumesFrom().forEach(from -> args.add("--volumes-from=" + from));
        for (Map.Entry<String, String> e : spec.env().entrySet()) {
            args.add("--env=" + e.getKey() + "=" + e.getValue());
        }
        for (Map.Entry<String, String> e : spec.labels().entrySet()) {
            args.add("--label=" + e.getKey() + "=" + e.getValue());
        }
        args.add("--entrypoint=/bin/bash");
        args.add(spec.image());
        return args;
    }
}
