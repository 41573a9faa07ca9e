// Example parameters. `az deployment group create -g <group> -f infra/bicep/main.bicep -p infra/bicep/main.bicepparam`.
// azd sets AZURE_PRINCIPAL_ID (the signed-in user) and AZURE_ENV_NAME; with the az CLI, edit the values here
// or override them: `-p adminPrincipalId=$(az ad signed-in-user show --query id -o tsv)`.
using 'main.bicep'

param baseName = 'crm'
param tablePrefix = ''
param bootstrapAdmin = 'admin'
param apiKeySecretName = 'crm-api-key'
param adminPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param adminPrincipalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

// Jira user synchronization (empty base URL: off). Put the token in the vault as secret crm-jira-token.
param syncSchedule = '0 0 * * * *'
param jiraBaseUrl = ''
param jiraEdition = 'Cloud'
param jiraEmail = ''
param jiraTokenSecretName = 'crm-jira-token'
param jiraGroups = ''

param tags = {
  application: 'crm-api'
}
