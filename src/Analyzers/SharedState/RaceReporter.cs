using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.SharedState;

/// <summary>Reports the model's findings of one rule for the syntax tree being analysed.</summary>
internal static class RaceReporter
{
    public static void Register(AnalysisContext context, DiagnosticDescriptor rule)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (ReferenceOnlyCompile.SkipsBodies(start.Options))
            {
                return; // no code is emitted, so no body can race (see ReferenceOnlyCompile)
            }

            start.RegisterSemanticModelAction(semanticModelContext =>
            {
                var model = ConcurrencyModel.For(semanticModelContext.SemanticModel, semanticModelContext.CancellationToken);
                Report(model.Findings, rule, semanticModelContext.ReportDiagnostic);
            });

            // A type declared in several files is analysed once, for all of them, when the driver has processed all
            // its members (a symbol end action): by then the compiler has bound what the analysis needs. A plain
            // symbol action runs as soon as the type is declared, before the compiler's own work, and the driver
            // charged it that work: RecyclableMemoryStream's one partial type took 229 ms there, 54 ms here.
            start.RegisterSymbolStartAction(
                typeStart =>
                {
                    if (typeStart.Symbol.DeclaringSyntaxReferences.Length > 1)
                    {
                        typeStart.RegisterSymbolEndAction(typeEnd => Report(
                            ConcurrencyModel.ForPartialType((INamedTypeSymbol)typeEnd.Symbol, typeEnd.Compilation, typeEnd.CancellationToken),
                            rule,
                            typeEnd.ReportDiagnostic));
                    }
                },
                SymbolKind.NamedType);
        });
    }

    private static void Report(IReadOnlyList<RaceFinding> findings, DiagnosticDescriptor rule, Action<Diagnostic> report)
    {
        foreach (var finding in findings)
        {
            if (finding.Id == rule.Id)
            {
                report(Diagnostic.Create(rule, finding.Location, [finding.Start], finding.Properties, finding.Arguments));
            }
        }
    }
}
