evaluate(new File(itShared, 'ItSupport.groovy'))
['module-a', 'module-b'].each { module ->
    def dir = new File(basedir, module)
    dir.mkdirs()
    copyExample(dir)
    // Each module says something of its own, so its binaries tell the modules apart.
    def main = new File(dir, 'cmd/openim-api/main.go')
    main.text = main.text.replace('component.Main("openim-api")', "component.Main(\"openim-api-${module}\")")
    new File(dir, 'pom.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>io.openim.it</groupId>
    <artifactId>user-parallel-reactor</artifactId>
    <version>1.0.0</version>
  </parent>
  <artifactId>${module}</artifactId>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.openim</groupId>
        <artifactId>openim-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
"""
}
asTestUser()
true
