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
                foreach (var finding in model.Findings)
                {
                    // A finding in another file that that file's own analysis also makes is reported from there.
                    if (finding.Id == rule.Id
                        && (finding.Location.SourceTree == semanticModelContext.SemanticModel.SyntaxTree
                            || !ConcurrencyModel.FoundInItsOwnDocument(finding, semanticModelContext.SemanticModel.Compilation, semanticModelContext.CancellationToken)))
                    {
                        semanticModelContext.ReportDiagnostic(Diagnostic.Create(rule, finding.Location, [finding.Start], finding.Properties, finding.Arguments));
                    }
                }
            });
        });
    }
}
