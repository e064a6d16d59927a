using System.Collections.Immutable;
using Forklift.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.ParallelUsage;

/// <summary>FL3001: the generator adds members to the type of a <c>[Parallel]</c> method, so it and every enclosing type must be partial.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParallelTypeNotPartialAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ParallelTypeNotPartial,
        title: "Declare types with [Parallel] methods partial",
        messageFormat: "'{0}' must be declared partial: the generator adds members to it for {1} method '{2}'",
        DiagnosticCategories.Parallel,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The [Parallel] generator adds the Async/MapAsync/UnorderedAsync methods and a nested registration class to the method's type, which needs that type and every type enclosing it to be partial.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ParallelTypeNotPartial));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // No Forklift reference: no [Parallel] methods to check.
            if (ParallelAttributes.Find(start.Compilation) is not { } attributes)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, attributes), SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, ParallelAttributes attributes)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (attributes.AttributeOf(method) is not string attribute || method.MethodKind != MethodKind.Ordinary)
        {
            return;
        }

        foreach (INamedTypeSymbol type in ParallelMethodRules.NonPartialContainingTypes(method, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations[0], type.Name, attribute, method.Name));
        }
    }
}
