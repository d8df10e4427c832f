rootProject.name = "hmpps-activities-management-api"
