// Logs and metrics: a Log Analytics workspace, Application Insights on it (Microsoft Entra
// authentication only: local auth off, the app sends with its managed identity), and the workbook
// "TNDTQ — quy trình" that shows the workflows from the app's custom events.
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object
param logRetentionDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(appInsights.id, 'tndtq-workflows')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'TNDTQ — quy trình'
    category: 'workbook'
    sourceId: appInsights.id
    serializedData: loadTextContent('../workbook.json')
  }
}

output applicationInsightsName string = appInsights.name
output applicationInsightsId string = appInsights.id
output connectionString string = appInsights.properties.ConnectionString
output workspaceId string = workspace.id
