// The example, plus a command that depends on a module (example.com/greet v1.2.3) which a file
// module proxy in the checkout serves: the build stays offline and the binary records the module
// with its h1: sum. A git checkout, so the images get a revision and a creation time.
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
new File(basedir, 'build/images').deleteDir()
new File(basedir, 'go.mod').append('\nrequire example.com/greet v1.2.3\n')
def command = new File(basedir, 'cmd/openim-whoami/main.go')
command.parentFile.mkdirs()
command.text = '''package main

import (
	"fmt"
	"os"
	"runtime"

	"example.com/greet"
)

func main() {
	fmt.Printf("%s uid=%d gid=%d %s/%s\\n", greet.Word(), os.Getuid(), os.Getgid(), runtime.GOOS, runtime.GOARCH)
}
'''
def versions = new File(basedir, 'goproxy/example.com/greet/@v')
versions.mkdirs()
def goMod = 'module example.com/greet\n\ngo 1.19\n'
new File(versions, 'list').text = 'v1.2.3\n'
new File(versions, 'v1.2.3.info').text = '{"Version":"v1.2.3","Time":"2024-01-01T00:00:00Z"}\n'
new File(versions, 'v1.2.3.mod').text = goMod
new ZipOutputStream(new FileOutputStream(new File(versions, 'v1.2.3.zip'))).withCloseable { zip ->
    [('example.com/greet@v1.2.3/go.mod'): goMod,
     ('example.com/greet@v1.2.3/greet.go'): 'package greet\n\n// Word is what the command says first.\nfunc Word() string { return "hello" }\n'].each { name, text ->
        zip.putNextEntry(new ZipEntry(name))
        zip.write(text.bytes)
        zip.closeEntry()
    }
}
gitCommitAll(basedir)
true
