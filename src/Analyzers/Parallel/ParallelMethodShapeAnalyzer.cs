using System.Collections.Immutable;
using Forklift.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.ParallelUsage;

/// <summary>
/// FL3002: a <c>[Parallel]</c> or <c>[WorkerInitializer]</c> method must be one the worker can call by id: static,
/// non-generic, an ordinary method of a reachable, non-generic class or struct.
/// </summary>
/// <remarks>
/// An instance method has no instance in the worker; a generic method has no single id; a local function or lambda
/// cannot be named from generated code.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParallelMethodShapeAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ParallelMethodShape,
        title: "Make [Parallel] methods static, non-generic, ordinary methods",
        messageFormat: "{0} method '{1}' must be {2}",
        DiagnosticCategories.Parallel,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A worker process calls a [Parallel] method by a stable id with no instance, so the method must be static, non-generic, and an ordinary method declared in non-generic classes or structs that generated code can reach.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ParallelMethodShape));

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

            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, attributes), SymbolKind.Method);

            // Local functions and lambdas are not member symbols, so they are found through their syntax.
            start.RegisterSyntaxNodeAction(
                nodeContext => AnalyzeFunction(nodeContext, attributes),
                SyntaxKind.LocalFunctionStatement,
                SyntaxKind.ParenthesizedLambdaExpression);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, ParallelAttributes attributes)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (attributes.AttributeOf(method) is not string attribute)
        {
            return;
        }

        if (ParallelMethodRules.ShapeProblem(method, context.Compilation, attribute == "[WorkerInitializer]") is string problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations[0], attribute, method.Name, problem));
        }
    }

    private static void AnalyzeFunction(SyntaxNodeAnalysisContext context, ParallelAttributes attributes)
    {
        SyntaxList<AttributeListSyntax> attributeLists = context.Node switch
        {
            LocalFunctionStatementSyntax local => local.AttributeLists,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.AttributeLists,
            _ => default,
        };

        // Most functions carry no attributes; skip them before asking the semantic model.
        if (attributeLists.Count == 0)
        {
            return;
        }

        ISymbol? symbol = context.Node is LocalFunctionStatementSyntax
            ? context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken)
            : context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol;
        if (symbol is not IMethodSymbol method || attributes.AttributeOf(method) is not string attribute)
        {
            return;
        }

        Location location = context.Node is LocalFunctionStatementSyntax function
            ? function.Identifier.GetLocation()
            : attributeLists[0].GetLocation();
        string name = method.MethodKind == MethodKind.LambdaMethod ? "lambda" : method.Name;
        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            location,
            attribute,
            name,
            ParallelMethodRules.ShapeProblem(method, context.Compilation, attribute == "[WorkerInitializer]") ?? "an ordinary method"));
    }
}
