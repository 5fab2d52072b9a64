package io.openim.maven.docker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildStepsTest {

    private static List<String> made(String output) {
        BuildSteps steps = new BuildSteps();
        output.lines().forEach(steps::accept);
        return steps.madeLatestFirst();
    }

    @Test
    void dockersBuilderTheBaseAndCachedStepsAreNotTheBuildsOwn() {
        String output = """
                Step 1/5 : ARG BASE_IMAGE
                Step 2/5 : FROM ${BASE_IMAGE}
                 ---> 6952743e40fe
                Step 3/5 : ARG BINARY_NAME
                 ---> Using cache
                 ---> 1a2b3c4d5e6f
                Step 4/5 : COPY ${BINARY_NAME} /usr/local/bin/${BINARY_NAME}
                 ---> 0f1e2d3c4b5a
                Step 5/5 : RUN false
                 ---> Running in 9d8c7b6a5f4e
                The command '/bin/sh -c false' returned a non-zero code: 1
                """;
        assertEquals(List.of("0f1e2d3c4b5a"), made(output));
    }

    @Test
    void aFailureRightAfterFromMadeNothing() {
        // The base's ID is the only one printed; removing it would delete the user's image.
        assertEquals(List.of(), made("Step 1/2 : FROM debian:bookworm\n ---> 6952743e40fe\nStep 2/2 : RUN false\n"));
    }

    @Test
    void everyStageBaseIsSkippedAndTheLatestComesFirst() {
        String output = """
                Step 1/4 : FROM golang AS builder
                 ---> aaaaaaaaaaaa
                Step 2/4 : COPY . /src
                 ---> bbbbbbbbbbbb
                Step 3/4 : FROM debian
                 ---> cccccccccccc
                Step 4/4 : COPY --from=builder /src/x /x
                 ---> dddddddddddd
                """;
        assertEquals(List.of("dddddddddddd", "bbbbbbbbbbbb"), made(output));
    }

    @Test
    void podmansBuilder() {
        String output = """
                STEP 1/3: FROM openim-it/debian:bookworm
                STEP 2/3: COPY marker.txt /etc/marker
                --> Using cache 83f0bb0710d7a1b2
                --> 83f0bb0710d7a1b2
                STEP 3/3: COPY openim-api /usr/local/bin/openim-api
                --> d0cc2ac17890
                """;
        assertEquals(List.of("d0cc2ac17890"), made(output));
    }
}
