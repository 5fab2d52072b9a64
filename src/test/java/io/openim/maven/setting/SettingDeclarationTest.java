package io.openim.maven.setting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Holds the three places a setting shows up against its one declaration in {@link Setting}: the
 * generated plugin descriptor (parameter, property, goals, help text) and the README's parameter
 * table. A parameter added to a mojo but not to {@code Setting}, on the wrong goals, with another
 * property, or missing from the README fails here.
 */
class SettingDeclarationTest {

    /** Parameters Maven fills from the build itself, not settings. */
    private static final Set<String> BUILD_PARAMETERS = Set.of("project", "session", "pluginVersion");

    /** goal name -> (parameter name -> parameter) of the generated descriptor. */
    private static Map<String, Map<String, DescriptorParameter>> descriptor;

    private record DescriptorParameter(String name, String type, String description, String expression) {}

    @BeforeAll
    static void readDescriptor() throws Exception {
        descriptor = new TreeMap<>();
        try (InputStream in = SettingDeclarationTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertNotNull(in, "the plugin descriptor is generated before the unit tests run");
            Document document =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList mojos = document.getElementsByTagName("mojo");
            for (int i = 0; i < mojos.getLength(); i++) {
                Element mojo = (Element) mojos.item(i);
                String goal = text(mojo, "goal");
                if (goal.equals("help")) {
                    continue;
                }
                Map<String, String> expressions = new LinkedHashMap<>();
                Element configuration = child(mojo, "configuration");
                if (configuration != null) {
                    for (Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (n instanceof Element e) {
                            expressions.put(e.getTagName(), e.getTextContent().trim());
                        }
                    }
                }
                Map<String, DescriptorParameter> parameters = new TreeMap<>();
                Element list = child(mojo, "parameters");
                for (Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element parameter) {
                        String name = text(parameter, "name");
                        if (!BUILD_PARAMETERS.contains(name)) {
                            parameters.put(
                                    name,
                                    new DescriptorParameter(
                                            name,
                                            text(parameter, "type"),
                                            text(parameter, "description"),
                                            expressions.get(name)));
                        }
                    }
                }
                descriptor.put(goal, parameters);
            }
        }
    }

    @Test
    void everyGoalIsInTheDescriptorAndNothingElse() {
        Set<String> goals = Arrays.stream(Goal.values()).map(Goal::goalName).collect(Collectors.toSet());
        assertEquals(goals, descriptor.keySet());
    }

    @Test
    void everyParameterIsASettingOfThatGoalWithItsProperty() {
        List<String> problems = new ArrayList<>();
        descriptor.forEach((goal, parameters) -> parameters.values().forEach(parameter -> {
            Setting setting = byParameter(parameter.name());
            if (setting == null) {
                problems.add(goal + ": parameter " + parameter.name() + " has no Setting");
                return;
            }
            if (!setting.goals().contains(goal(goal))) {
                problems.add(goal + ": " + parameter.name() + " is not declared for this goal in Setting");
            }
            String expected = setting.property() == null ? null : "${" + setting.property() + "}";
            if (!Objects.equals(expected, parameter.expression())) {
                problems.add(goal + ": " + parameter.name() + " reads " + parameter.expression() + ", Setting says "
                        + expected);
            }
        }));
        assertEquals(List.of(), problems);
    }

    @Test
    void everySettingIsAParameterOfEveryGoalThatReadsIt() {
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            assertFalse(setting.goals().isEmpty(), setting + " is read by no goal");
            for (Goal goal : setting.goals()) {
                if (!descriptor.get(goal.goalName()).containsKey(setting.parameter())) {
                    problems.add(goal.goalName() + " lacks " + setting.parameter());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void helpTextExistsAndStatesALiteralDefault() {
        List<String> problems = new ArrayList<>();
        descriptor.forEach((goal, parameters) -> parameters.values().forEach(parameter -> {
            Setting setting = byParameter(parameter.name());
            if (setting == null) {
                return;
            }
            if (parameter.description() == null || parameter.description().isBlank()) {
                problems.add(goal + ": " + parameter.name() + " has no help text");
            } else if (setting.defaultValue() != null
                    && !parameter.description().contains(setting.defaultValue())) {
                problems.add(goal + ": the help of " + parameter.name() + " does not state its default "
                        + setting.defaultValue());
            }
        }));
        assertEquals(List.of(), problems);
    }

    @Test
    void cleanShowsOnlyWhatCleanReads() {
        assertEquals(
                Set.of(
                        "skip",
                        "dockerHost",
                        "dockerTlsVerify",
                        "engineTimeout",
                        "dockerCertPath",
                        "outDir",
                        "verbose",
                        "waitForLock",
                        "allowExternalOutDir"),
                descriptor.get("clean").keySet());
    }

    @Test
    void theReadmeTableListsEverySettingWithItsPropertyVariableAndGoals() throws Exception {
        Map<String, List<String>> rows = readmeRows();
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            List<String> cells = rows.get(setting.parameter());
            if (cells == null) {
                problems.add("README has no row for " + setting.parameter());
                continue;
            }
            String property = setting.property() == null ? "–" : "`" + setting.property() + "`";
            String environment = setting.environment() == null ? "–" : "`" + setting.environment() + "`";
            if (!cells.get(1).equals(property)) {
                problems.add(setting.parameter() + ": README property " + cells.get(1) + ", expected " + property);
            }
            if (!cells.get(2).equals(environment)) {
                problems.add(setting.parameter() + ": README variable " + cells.get(2) + ", expected " + environment);
            }
            if (!cells.get(3).equals(goalsCell(setting.goals()))) {
                problems.add(setting.parameter() + ": README goals " + cells.get(3) + ", expected "
                        + goalsCell(setting.goals()));
            }
            if (setting.defaultValue() != null && !cells.get(4).contains(setting.defaultValue())) {
                problems.add(
                        setting.parameter() + ": README default " + cells.get(4) + " lacks " + setting.defaultValue());
            }
        }
        rows.keySet().stream()
                .filter(name -> byParameter(name) == null)
                .forEach(name -> problems.add("README lists " + name + ", which is no setting"));
        assertEquals(List.of(), problems);
    }

    /** How the README names a setting's goals: "all", or the goal names in declaration order. */
    static String goalsCell(Set<Goal> goals) {
        if (goals.equals(Goal.ALL)) {
            return "all";
        }
        return EnumSet.copyOf(goals).stream().map(Goal::goalName).collect(Collectors.joining(", "));
    }

    /** parameter -> cells of the README's parameter table: parameter, property, variable, goals, default. */
    private static Map<String, List<String>> readmeRows() throws Exception {
        Path readme = Path.of(System.getProperty("user.dir"), "README.md");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            if (line.startsWith("| Parameter | Property | Environment | Goals | Default |")) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable && !line.startsWith("| ---")) {
                List<String> cells = Arrays.stream(
                                line.substring(1, line.length() - 1).split("\\|", -1))
                        .map(String::trim)
                        .toList();
                String parameter = cells.get(0).replaceAll("^`([A-Za-z]+)`.*$", "$1");
                rows.put(parameter, cells);
            }
        }
        assertTrue(inTable, "README.md has the parameter table");
        return rows;
    }

    private static Setting byParameter(String name) {
        return Arrays.stream(Setting.values())
                .filter(s -> s.parameter().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static Goal goal(String name) {
        return Arrays.stream(Goal.values())
                .filter(g -> g.goalName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
