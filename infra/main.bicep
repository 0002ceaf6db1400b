// TNDTQ in one Azure subscription: `azd up` provisions this and deploys functions/TNDTQ.Functions.
// Resources are written out here (no registry modules: the build and lint run offline in CI).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (e.g. tndtq-ninhkieu); names and tags of every resource derive from it.')
param environmentName string

@minLength(1)
@description('Azure region (one that offers Flex Consumption, e.g. southeastasia).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Resource group name; default rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of the person running azd: may upload document templates. Empty: none.')
param principalId string = ''

@description('Application (client) id of the Microsoft Entra app registration for sign-in (README, "Deploy to Azure").')
param entraClientId string

@description('Directory (tenant) id of the app registration; default the tenant of the subscription.')
param entraTenantId string = ''

@secure()
@description('Client secret of the app registration (optional; without it the sign-in uses ID tokens).')
param entraClientSecret string = ''

@description('Object ids of the first administrators, comma-separated: put in the staff directory at start.')
param bootstrapAdministrators string = ''

@description('SMTP server for e-mail notices; empty: notices stay in the inbox only.')
param smtpHost string = ''
param smtpPort int = 587
param smtpFrom string = ''
param smtpUser string = ''
@secure()
param smtpPassword string = ''
param smtpUseTls bool = true

@description('Days a finished workflow instance stays in the Durable task hub (its record stays in the app tables).')
param retentionDays int = 180

@description('Days a nightly backup is kept.')
param backupRetentionDays int = 35

@description('Days deleted or overwritten blobs can be recovered.')
param blobRetentionDays int = 30

@description('Days logs are kept in Log Analytics.')
param logRetentionDays int = 90

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, application: 'tndtq' }
var appName = 'func-tndtq-${token}'
var deploymentContainerName = 'app-package-${take(token, 7)}'

// The tables and blob containers the app writes: kept equal to Operations/AppStorage.cs by a test.
var appTables = [
  'Commendations'
  'Deliveries'
  'DueIndex'
  'Heartbeats'
  'Inbox'
  'InboxReads'
  'Meetings'
  'Register'
  'RegisterAudit'
  'RegisterSearch'
  'Reports'
  'Restructure'
  'SignOffs'
  'Staff'
  'Support'
  'Training'
  'WorkflowTasks'
]
var appContainers = [
  'backups'
  'commendations'
  'meetings'
  'register-journal'
  'restructure-documents'
  'support'
  'templates'
  'training'
]

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-tndtq-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-tndtq-${token}'
    applicationInsightsName: 'appi-tndtq-${token}'
    location: location
    tags: tags
    logRetentionDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'sttndtq${token}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    containers: appContainers
    tables: appTables
    blobRetentionDays: blobRetentionDays
    backupRetentionDays: backupRetentionDays
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-tndtq-${take(token, 12)}'
    location: location
    tags: tags
    smtpPassword: smtpPassword
    entraClientSecret: entraClientSecret
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    planName: 'plan-tndtq-${token}'
    appName: appName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    entraClientId: entraClientId
    entraTenantId: !empty(entraTenantId) ? entraTenantId : tenant().tenantId
    entraClientSecretSet: !empty(entraClientSecret)
    bootstrapAdministrators: bootstrapAdministrators
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpFrom: smtpFrom
    smtpUser: smtpUser
    smtpUseTls: smtpUseTls
    smtpPasswordSet: !empty(smtpPassword)
    retentionDays: retentionDays
  }
  // The identity must hold its roles before the app starts and reaches storage and Key Vault.
  dependsOn: [ rbac ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
