// Prepares the machine for the integration tests: a Docker engine and the local base images.
// The script is idempotent and takes seconds when everything is there already.
evaluate(new File(itShared, 'ItSupport.groovy'))
def script = new File(projectDir, 'scripts/docker-bootstrap.sh')
def (exit, out) = sh(['bash', script.path], basedir, 1800)
new File(basedir, 'bootstrap.log').text = out
println out.readLines().findAll { it.startsWith('[docker-bootstrap]') }.join('\n')
assert exit == 0 : "scripts/docker-bootstrap.sh failed:\n${out}"
// Untagged images before the tests: src/it/zz-no-leftovers fails on new ones (a build's step
// images carry no label, so only this comparison finds them).
new File(basedir.parentFile, 'untagged-images-before.txt').text =
        dockerOut('images', '-a', '-q', '--no-trunc', '--filter', 'dangling=true')
true
