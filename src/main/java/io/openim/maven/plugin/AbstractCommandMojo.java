package io.openim.maven.plugin;

import io.openim.maven.setting.PropertyNames;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/** The container goals that run something in the build container: build, run and shell. */
public abstract class AbstractCommandMojo extends AbstractContainerMojo {

    /** Network of the build container. Default {@code none}: builds are hermetic. */
    @Parameter(property = PropertyNames.BUILD_NETWORK)
    protected String buildNetwork;

    /**
     * Host variables passed to the build container when set; '*' and '?' are wildcards. Default
     * {@code GOFLAGS,GOPROXY,GOLDFLAGS,GOGCFLAGS,SOURCE_DATE_EPOCH,OPENIM_*}.
     */
    @Parameter(property = PropertyNames.PASS_ENV)
    protected List<String> passEnv;

    /** Variables set in the build container (POM only). */
    @Parameter
    protected Map<String, String> env;

    /** Whether results are copied back afterwards (OPENIM_RUN_COPY_OUTPUT). Default {@code true}. */
    @Parameter(property = PropertyNames.COPY_OUTPUT)
    protected Boolean copyOutput;
}
