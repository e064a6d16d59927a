using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.SharedState;

/// <summary>FL1003: state written under a lock in one place is accessed without that lock elsewhere, concurrently.</summary>
/// <remarks>
/// A lock protects only the code that takes it: one unlocked write (or an unlocked read of a locked collection) undoes
/// the protection everywhere else.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InconsistentSynchronizationAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.InconsistentSynchronization,
        title: "Access locked state only under its lock",
        messageFormat: "'{0}' is {1} here without holding '{2}', which guards it {3}; {4}",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "State that is written under a lock must be accessed under the same lock in all code that can run concurrently.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.InconsistentSynchronization));

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
