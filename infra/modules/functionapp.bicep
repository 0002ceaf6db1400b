// The Function App on the Flex Consumption plan (FC1), .NET isolated 10.0, its deployment package in
// the storage account (reached with the app's identity), every app setting the app reads, and
// App Service Authentication with Microsoft Entra ID.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string
param keyVaultName string
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int

@description('Application (client) id of the Microsoft Entra app registration users sign in to.')
param entraClientId string
@description('Directory (tenant) id of that app registration.')
param entraTenantId string
@description('Whether a client secret for the sign-in was put in Key Vault (then the sign-in uses the authorization code flow).')
param entraClientSecretSet bool
@description('Object ids of the first administrators, comma-separated (Tndtq__BootstrapAdministrators).')
param bootstrapAdministrators string

param smtpHost string
param smtpPort int
param smtpFrom string
param smtpUser string
param smtpUseTls bool
@description('Whether an SMTP password was put in Key Vault.')
param smtpPasswordSet bool

@description('Days a finished workflow instance stays in the task hub before the retention timer purges it.')
param retentionDays int

var smtpPasswordReference = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=smtp-password)'
var clientSecretReference = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=entra-client-secret)'
var authSecretSettingName = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

// Every setting the app reads (README "Configuration"), with production values. The test
// Deployment/BicepTests checks this list against what the app's composition reads.
// Flex Consumption has no WEBSITE_TIME_ZONE: schedules are UTC (Vietnam is UTC+7).
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // Storage with the managed identity (no keys): the app's tables and blobs, and the task hub.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    // Telemetry with Microsoft Entra authentication (local auth is off on Application Insights).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
    TaskHubName: 'tndtq'
    // Schedules, NCRONTAB in UTC: 01:00 UTC is 08:00 in Vietnam.
    HeartbeatSchedule: '0 */5 * * * *'
    DailyScanSchedule: '0 0 1 * * *'
    WeeklyDigestSchedule: '0 0 1 * * 1'
    ReviewCycleSchedule: '0 0 1 2 1 *'
    BackupSchedule: '0 0 19 * * *'
    RetentionSchedule: '0 30 19 * * *'
    Durable__RetentionDays: string(retentionDays)
    // Rules of the register and the workflows (the regulation's values).
    Register__MaxLeaders: '1'
    Register__MaxDeputies: '2'
    Restructure__Candidates__MinAge: '25'
    Restructure__Candidates__MaxAge: '75'
    Restructure__Candidates__MinYearsOfResidence: '2'
    Restructure__Candidates__RequireLivesInArea: 'true'
    Restructure__Candidates__RequireEndorsement: 'true'
    ReviewCycle__Period: 'yearly'
    ReviewCycle__AssessmentDays: '30'
    ReviewCycle__ProposalDays: '60'
    Reminders__WindowDays: '7'
    Meetings__MaxDaysWithoutMeeting: '90'
    Training__ValidMonths: '24'
    // The operations page: how far past its deadline a step is listed as stuck (docs/operations.md).
    Operations__StuckMarginDays: '3'
    Commendations__MinRating: 'fair'
    Commendations__MinMembershipMonths: '12'
    // E-mail (off while Smtp__Host is empty); the password is a Key Vault reference.
    Smtp__Host: smtpHost
    Smtp__Port: string(smtpPort)
    Smtp__From: smtpFrom
    Smtp__User: smtpUser
    Smtp__Password: smtpPasswordSet ? smtpPasswordReference : ''
    Smtp__UseTls: smtpUseTls ? 'true' : 'false'
    // The first administrators, put in the staff directory at start (idempotent).
    Tndtq__BootstrapAdministrators: bootstrapAdministrators
    // Read by App Service Authentication, not by the app.
    MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: entraClientSecretSet ? clientSecretReference : ''
  }
}

// Sign-in with Microsoft Entra ID on every path: no path is excluded, so App Service Authentication
// sees every request, validates its session cookie or bearer token and sets X-MS-CLIENT-PRINCIPAL
// itself (external requests cannot set it). An unsigned request is let through without a principal
// (AllowAnonymous): the app answers 401 (a Vietnamese ProblemDetails) for the API, /api/health
// answers anyone, and the web app sends an unsigned visitor to /.auth/login/aad. docs/deployment.md
// cites the Microsoft documentation; Deployment/BicepTests keeps excludedPaths out.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
      redirectToProvider: 'azureactivedirectory'
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: { convention: 'NoProxy' }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          clientSecretSettingName: entraClientSecretSet ? authSecretSettingName : null
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [ 'api://${entraClientId}', entraClientId ]
        }
      }
    }
    login: {
      tokenStore: { enabled: true }
    }
  }
  dependsOn: [ appSettings ]
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
