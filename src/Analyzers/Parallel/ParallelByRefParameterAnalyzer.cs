using System.Collections.Immutable;
using Forklift.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.ParallelUsage;

/// <summary>
/// FL3004: <c>ref</c>/<c>out</c>/<c>in</c> parameters, pointers and ref structs refer to memory of the calling process,
/// which a worker process cannot see, so none of them can be an argument or result of a <c>[Parallel]</c> method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParallelByRefParameterAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ParallelByRefParameter,
        title: "Pass values, not references, to [Parallel] methods",
        messageFormat: "{0} method '{1}' cannot run in another process: {2}",
        DiagnosticCategories.Parallel,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A worker process has its own memory: references (ref, out, in), pointers and ref structs such as Span<T> point into the caller's memory and cannot be sent. Pass and return values (arrays, byte[], ReadOnlyMemory<byte>) instead.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ParallelByRefParameter));

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
        if (attributes.AttributeOf(method) is not string attribute)
        {
            return;
        }

        foreach ((IParameterSymbol? parameter, string reason) in ParallelMethodRules.ByRefProblems(method))
        {
            SyntaxNode? syntax = (parameter ?? (ISymbol)method).DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken);
            Location location = syntax switch
            {
                ParameterSyntax parameterSyntax => parameterSyntax.GetLocation(),
                MethodDeclarationSyntax declaration => declaration.ReturnType.GetLocation(),
                _ => method.Locations[0],
            };
            context.ReportDiagnostic(Diagnostic.Create(Rule, location, attribute, method.Name, reason));
        }
    }
}
