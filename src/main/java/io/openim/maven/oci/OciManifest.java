package io.openim.maven.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Image manifests: an image's (config and layers) and an artifact's that refers to an image. */
public final class OciManifest {

    private OciManifest() {}

    /** The manifest of an image, with its annotations (the image's OCI labels, as registries show them). */
    public static Blob image(Blob config, List<Layer> layers, Map<String, String> annotations) {
        ObjectNode manifest = start();
        manifest.set("config", Descriptor.of(config).toJson());
        ArrayNode list = manifest.putArray("layers");
        layers.forEach(layer -> list.add(Descriptor.of(layer.blob()).toJson()));
        OciJson.putAnnotations(manifest, annotations);
        return Blob.inMemory(MediaTypes.MANIFEST, OciJson.bytes(manifest));
    }

    /**
     * An artifact that refers to an image (distribution-spec 1.1): its type, the empty config, one
     * layer holding the file, and {@code subject}, the manifest it is about.
     */
    public static Blob artifact(
            String artifactType, Descriptor file, Descriptor subject, Map<String, String> annotations) {
        ObjectNode manifest = start();
        manifest.put("artifactType", artifactType);
        manifest.set("config", Descriptor.of(Blob.EMPTY).toJson());
        manifest.putArray("layers").add(file.toJson());
        manifest.set("subject", subject.toJson());
        OciJson.putAnnotations(manifest, annotations);
        return Blob.inMemory(MediaTypes.MANIFEST, OciJson.bytes(manifest));
    }

    private static ObjectNode start() {
        ObjectNode manifest = OciJson.JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.MANIFEST);
        return manifest;
    }
}
