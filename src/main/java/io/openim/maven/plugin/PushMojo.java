package io.openim.maven.plugin;

import io.openim.maven.config.GoalRequests;
import io.openim.maven.registry.PushRequest;
import io.openim.maven.registry.PushService;
import io.openim.maven.registry.RegistryCredential;
import io.openim.maven.setting.Goal;
import io.openim.maven.setting.PropertyNames;
import io.openim.maven.util.Console;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Pushes the release images {@code openim:image} archived, exactly as archived (the same
 * manifests and configs), as {@code REGISTRY/NAME-ARCH:TAG} and extra tags, then an OCI index
 * {@code REGISTRY/NAME:TAG} per image listing every platform pushed. Credentials: a
 * {@code settings.xml} server whose id is the registry's host, else the Docker CLI's
 * configuration.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractReleaseMojo {

    /**
     * Registries (host or host:port) reached over plain HTTP instead of HTTPS; a registry on
     * this machine's loopback needs no entry.
     */
    @Parameter(property = PropertyNames.INSECURE_REGISTRIES)
    protected List<String> insecureRegistries;

    /** Skips the push (the archives stay). Default {@code false}. */
    @Parameter(property = PropertyNames.SKIP_PUSH)
    protected Boolean skipPush;

    @Inject
    SettingsDecrypter decrypter;

    @Override
    protected Goal goal() {
        return Goal.PUSH;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        PushRequest request = requests.pushRequest(mavenServers(), host.userHome());
        if (requests.skipPush()) {
            return context -> console.info("Skipping openim:push (" + PropertyNames.SKIP_PUSH + ")");
        }
        return context -> {
            for (PushService.Pushed pushed : new PushService(console).push(request)) {
                console.debug("pushed " + pushed.reference() + " " + pushed.digest());
            }
        };
    }

    /** settings.xml servers by id, their passwords decrypted by Maven. */
    private Map<String, RegistryCredential> mavenServers() {
        Map<String, RegistryCredential> servers = new LinkedHashMap<>();
        if (session.getSettings() == null) {
            return servers;
        }
        for (Server server : session.getSettings().getServers()) {
            Server decrypted = server;
            if (decrypter != null) {
                SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
                if (result.getServer() != null) {
                    decrypted = result.getServer();
                }
            }
            if (decrypted.getUsername() != null) {
                servers.put(
                        decrypted.getId(),
                        new RegistryCredential(
                                decrypted.getUsername(),
                                decrypted.getPassword() == null ? "" : decrypted.getPassword(),
                                "the <server> " + decrypted.getId() + " of Maven's settings.xml"));
            }
        }
        return servers;
    }
}
