evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
// Release images whose build takes a while, so a signal lands in the middle of it.
['openim-api', 'openim-rpc-user', 'openim-msggateway'].each { name ->
    def dir = new File(basedir, "build/images/${name}")
    dir.mkdirs()
    new File(dir, 'Dockerfile').text = '''ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG BINARY_NAME
COPY ${BINARY_NAME} /usr/local/bin/${BINARY_NAME}
RUN sleep 8
'''
}
true
