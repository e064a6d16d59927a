using System.Collections.Immutable;
using Forklift.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.ParallelUsage;

/// <summary>
/// FL3003: every argument, result and progress value of a <c>[Parallel]</c> method is copied to another process by
/// generated code, so its type, and every type it contains, must have a generated encoding.
/// </summary>
/// <remarks>Shares <see cref="ParallelMarshalClassifier"/> with the generator, which skips the methods reported here.</remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParallelTypeNotMarshallableAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ParallelTypeNotMarshallable,
        title: "Use only types that can cross a process boundary",
        messageFormat: "The {0} of '{1}' cannot cross a process boundary: '{2}' is '{3}', {4}",
        DiagnosticCategories.Parallel,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Arguments, results and progress values of [Parallel] methods are copied to and from a worker process. Supported: primitives, string, decimal, enums, dates, Guid, byte[], arrays, List, IReadOnlyList, Dictionary, HashSet, ImmutableArray, value tuples, Nullable and records, classes or structs built from these without cycles.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ParallelTypeNotMarshallable));

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.CSharpErrorMessageFormat;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
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
        if (!attributes.IsParallel(method))
        {
            return;
        }

        var classifier = new ParallelMarshalClassifier(context.Compilation, context.CancellationToken);
        foreach ((IParameterSymbol? parameter, string what, ParallelMarshalProblem problem) in ParallelMethodRules.MarshalProblems(method, classifier))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                LocationOf(method, parameter, context.CancellationToken),
                what,
                method.Name,
                problem.Path,
                problem.Type.ToDisplayString(TypeFormat),
                problem.Reason));
        }
    }

    private static Location LocationOf(IMethodSymbol method, IParameterSymbol? parameter, CancellationToken cancellationToken)
    {
        SyntaxNode? syntax = (parameter ?? (ISymbol)method).DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        return syntax switch
        {
            ParameterSyntax { Type: { } type } => type.GetLocation(),
            MethodDeclarationSyntax declaration => declaration.ReturnType.GetLocation(),
            _ => (parameter ?? (ISymbol)method).Locations[0],
        };
    }
}
