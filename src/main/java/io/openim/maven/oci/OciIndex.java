package io.openim.maven.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** An index: one image across platforms, an archive's image with its names, or a list of referrers. */
public final class OciIndex {

    private OciIndex() {}

    public static Blob of(List<Descriptor> manifests, Map<String, String> annotations) {
        ObjectNode index = OciJson.JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.INDEX);
        ArrayNode list = index.putArray("manifests");
        manifests.forEach(manifest -> list.add(manifest.toJson()));
        OciJson.putAnnotations(index, annotations);
        return Blob.inMemory(MediaTypes.INDEX, OciJson.bytes(index));
    }
}
