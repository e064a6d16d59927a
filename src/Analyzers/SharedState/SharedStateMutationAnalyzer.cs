using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.SharedState;

/// <summary>FL1001: a field, auto-property or captured local is updated by code that runs on several threads, without synchronization.</summary>
/// <remarks>
/// The lost update: two threads run <c>balance = balance + n</c> at once and one update vanishes. Reported only when a
/// second concurrent write exists (the same code on several threads, or other concurrent code), so state written by
/// one thread and read after the join stays silent.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SharedStateMutationAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.SharedStateMutation,
        title: "Synchronize updates of shared state",
        messageFormat: "'{0}' is updated by '{1}' without synchronization; {2}",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "State reached by several threads at once is updated outside any lock or atomic operation, so updates can be lost.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SharedStateMutation));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RaceReporter.Register(context, Rule);
    }
}
