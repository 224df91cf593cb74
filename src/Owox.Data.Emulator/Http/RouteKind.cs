namespace Owox.Data.Emulator.Http;

/// <summary>What a request asks for, as <see cref="ApiHandler"/> routes it.</summary>
internal enum RouteKind
{
    Unknown,
    Exchange,
    OpenApi,
    Flags,
    AuthContext,
    StreamDataMart,
    StreamReport,
    ListDataMarts,
    GetDataMart,
    BlendableSchema,
    ListRuns,
    GetRun,
    ProjectRuns,
    ListReports,
    GetReport,
    ReportOutputSchema,
    InsightTemplates,
    DataStorages,
    DataDestinations,
    Search,
    ModelCanvasDataMarts,
    ModelCanvasEdges,
    ProjectSettings,
    ProjectSetupProgress,
    PluginPublications,
    MarkdownToHtml,
    RejectApiKey,
}
