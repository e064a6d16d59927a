using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.ParallelUsage;

/// <summary>
/// FL3007: an app published self-contained, as a single file or with Native AOT starts its own executable as its
/// workers, so its <c>Main</c> must hand over to the worker first: <c>if (WorkerHost.TryRunAsWorker(args)) return;</c>.
/// </summary>
/// <remarks>
/// Without that line each worker runs <c>Main</c> again; the runtime stops such a process at its first pool and fails
/// the call with a message naming the line, but only when the app runs. The publish properties reach the analyzer as
/// <c>build_property.*</c> through the <c>CompilerVisibleProperty</c> items of the Forklift package's build props; a
/// project that does not publish that way (or does not get those props, e.g. a ProjectReference) is not checked.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingWorkerHostGuardAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.MissingWorkerHostGuard,
        title: "Start Main with the worker guard when publishing self-contained, single-file or AOT",
        messageFormat: "'{0}' must begin with 'if (WorkerHost.TryRunAsWorker(args)) return;': this app is published with {1}, so it starts itself as its workers",
        DiagnosticCategories.Parallel,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A self-contained, single-file or Native AOT app has no Forklift.dll for 'dotnet exec' to start, so the worker pool starts the app's own executable as each worker. Main must hand over to the worker before anything else, or every call fails when the app runs.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.MissingWorkerHostGuard));

    private static readonly string[] PublishProperties = ["PublishSingleFile", "SelfContained", "PublishAot"];

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Only apps that publish as their own executable, and reference the worker pool.
            if (PublishedAs(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions) is not string publishing
                || start.Compilation.Options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication)
                || !ParallelAttributes.MayUseForklift(start.Compilation, "WorkerHost")
                || start.Compilation.GetTypeByMetadataName("Forklift.WorkerHost") is not INamedTypeSymbol workerHost)
            {
                return;
            }

            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || !IsEntryPoint(method, block.Compilation, block.CancellationToken))
                {
                    return;
                }

                foreach (IOperation operation in block.OperationBlocks)
                {
                    foreach (IOperation descendant in operation.DescendantsAndSelf())
                    {
                        if (descendant is IInvocationOperation { TargetMethod: { Name: "TryRunAsWorker" } target }
                            && SymbolEqualityComparer.Default.Equals(target.ContainingType, workerHost))
                        {
                            return;
                        }
                    }
                }

                // Top-level statements: the synthesized Main has no name in the source; report on its first statement.
                bool topLevel = method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName;
                string name = topLevel ? "Main" : method.ContainingType.Name + "." + method.Name;
                Location location = topLevel && FirstTopLevelStatement(method, block.CancellationToken) is { } first
                    ? first.GetLocation()
                    : method.Locations[0];
                block.ReportDiagnostic(Diagnostic.Create(Rule, location, name, publishing));
            });
        });
    }

    private static SyntaxNode? FirstTopLevelStatement(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is CompilationUnitSyntax unit)
            {
                foreach (MemberDeclarationSyntax member in unit.Members)
                {
                    if (member is GlobalStatementSyntax global)
                    {
                        return global.Statement;
                    }
                }
            }
        }

        return null;
    }

    private static string? PublishedAs(AnalyzerConfigOptions options)
    {
        foreach (string property in PublishProperties)
        {
            if (options.TryGetValue("build_property." + property, out string? value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                return property + "=true";
            }
        }

        return null;
    }

    private static bool IsEntryPoint(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        // Cheap checks first: GetEntryPoint binds every candidate Main.
        if (!method.IsStatic || (method.Name != "Main" && method.Name != WellKnownMemberNames.TopLevelStatementsEntryPointMethodName))
        {
            return false;
        }

        return SymbolEqualityComparer.Default.Equals(compilation.GetEntryPoint(cancellationToken), method);
    }
}
