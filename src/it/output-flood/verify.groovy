// A command that prints a lot: every line reaches Maven's log file (-l), in order; a line longer
// than 64 KiB arrives in marked pieces, nothing of it lost; the goal succeeds and leaves only the
// data container. (How fast and how lean is scripts/bench/output-flood.sh's to measure.)
evaluate(new File(itShared, 'ItSupport.groovy'))
// As the ordinary docker-group user the plugin is made for: its log file is its own.
asTestUser()
def project = 'io.openim.it:output-flood'
try {
    def logFile = new File(basedir, 'flood-file.log')
    def command = 'yes x | head -n 200000; head -c 200000 /dev/zero | tr "\\000" y; echo; echo flood-done'
    def (exit, out) = mvn('flood', ['openim:run', "-Dopenim.command=${command}".toString(), '-Dopenim.copy.output=false',
                                    '-l', logFile.path])
    assert exit == 0 : logFile.text.readLines().takeRight(30).join('\n')
    def lines = logFile.readLines()
    assert lines.count { it == '[INFO] x' } == 200000
    // The x lines come in order, nothing between them.
    def first = lines.findIndexOf { it == '[INFO] x' }
    assert lines.subList(first, first + 200000).every { it == '[INFO] x' }
    def pieces = lines.findAll { it.contains('yyyy') }
    assert pieces.size() == 4 : "200000 bytes in pieces of 65536: ${pieces.collect { it.length() }}"
    assert pieces[0].endsWith(' [...]') && !pieces[0].contains('[INFO] [...] ')
    pieces.drop(1).each { assert it.startsWith('[INFO] [...] ') }
    pieces.dropRight(1).each { assert it.endsWith(' [...]') }
    assert pieces.sum { it.count('y') } == 200000
    assert lines.indexOf('[INFO] flood-done') > lines.indexOf(pieces[-1])
    assert objectsOf(project).containers.collect { it.split(' ')[1] } == ['data']
} finally {
    removeObjectsOf(project)
}
assert objectsOf(project).values().every { it.isEmpty() }
true
