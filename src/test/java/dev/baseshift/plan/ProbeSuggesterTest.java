package dev.baseshift.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeSuggesterTest {
    @TempDir
    Path dir;

    @Test
    void requirementsBecomeImportProbesWithVersionsExtrasMarkersAndOptionsStripped() throws IOException {
        Files.writeString(dir.resolve("requirements.txt"), """
                # the app
                numpy==1.26.4
                scikit-learn>=1.3 ; python_version >= "3.9"
                Pillow[webp]~=10.0  # images
                PyYAML
                -r base.txt
                -e git+https://example.com/x.git#egg=xlib
                --index-url https://pypi.example.com/simple
                https://example.com/wheels/thing-1.0-py3-none-any.whl
                beautifulsoup4 \\
                    ==4.12.0
                requests @ https://example.com/requests.tar.gz
                opencv-python-headless
                python_dateutil
                psycopg2-binary
                """);

        List<Probe> probes = ProbeSuggester.suggest(dir);

        assertThat(probes).extracting(Probe::name).containsExactly("import numpy", "import sklearn",
                "import PIL", "import yaml", "import bs4", "import requests", "import cv2", "import dateutil",
                "import psycopg2");
        assertThat(probes.get(0).argv()).containsExactly("python3", "-c", "import numpy");
        assertThat(probes).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo("suggested");
            assertThat(p.enabled()).isTrue();
        });
    }

    @Test
    void otherRequirementFilesCountButDevAndTestOnesDoNot() throws IOException {
        Files.writeString(dir.resolve("requirements.txt"), "flask\n");
        Files.writeString(dir.resolve("requirements-prod.txt"), "gunicorn\nflask\n");
        Files.writeString(dir.resolve("requirements-dev.txt"), "pytest\n");

        assertThat(ProbeSuggester.suggest(dir)).extracting(Probe::name)
                .containsExactly("import flask", "import gunicorn");
    }

    @Test
    void pyprojectProjectDependenciesAndPoetryDependencies() throws IOException {
        Files.writeString(dir.resolve("pyproject.toml"), """
                [build-system]
                requires = ["setuptools>=61"]  # not a runtime dependency

                [project]
                name = "demo"
                dependencies = [
                    "httpx>=0.27",  # comment, with a ] inside
                    'Jinja2[i18n]',
                    "scikit-image; platform_system != 'Windows'",
                ]
                optional-dependencies = { dev = ["pytest"] }

                [tool.poetry.dependencies]
                python = "^3.11"
                pydantic = "^2"
                "python-dotenv" = { version = "*" }

                [tool.poetry.group.dev.dependencies]
                black = "*"
                """);

        assertThat(ProbeSuggester.suggest(dir)).extracting(Probe::name)
                .containsExactly("import httpx", "import jinja2", "import skimage", "import pydantic",
                        "import dotenv");
    }

    @Test
    void nodeDependenciesButNotDevDependencies() throws IOException {
        Files.writeString(dir.resolve("package.json"), """
                {"name": "web", "dependencies": {"express": "^4", "@fastify/cors": "9", "@types/node": "20"},
                 "devDependencies": {"jest": "29"}}
                """);

        List<Probe> probes = ProbeSuggester.suggest(dir);

        assertThat(probes).extracting(Probe::name).containsExactly("require express", "require @fastify/cors");
        assertThat(probes.get(0).argv()).containsExactly("node", "-e", "require('express')");
    }

    @Test
    void aProjectWithoutDependencyFilesOrWithBrokenOnesGetsNoSuggestions() throws IOException {
        assertThat(ProbeSuggester.suggest(dir)).isEmpty();
        Files.writeString(dir.resolve("package.json"), "{ not json");
        Files.write(dir.resolve("requirements.txt"), new byte[]{(byte) 0xff, (byte) 0xfe, 0x00});
        assertThat(ProbeSuggester.suggest(dir)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"scikit-learn, sklearn", "Pillow, PIL", "PyYAML, yaml", "beautifulsoup4, bs4", "opencv-python, cv2",
            "python-dateutil, dateutil", "psycopg2-binary, psycopg2", "Flask-SQLAlchemy, flask_sqlalchemy",
            "ruamel.yaml, ruamel.yaml", "numpy, numpy", "setuptools, ''"})
    void importNames(String distribution, String module) {
        assertThat(ProbeSuggester.importName(distribution)).isEqualTo(module);
    }
}
