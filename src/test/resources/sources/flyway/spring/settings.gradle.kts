rootProject.name = "flyway-spring-fixture"
