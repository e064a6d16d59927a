using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.CodeFixes.SharedState;

/// <summary>
/// Changes a <c>List&lt;T&gt;</c> local or private field to <c>ConcurrentBag&lt;T&gt;</c>, or a <c>Dictionary&lt;K,V&gt;</c>
/// to <c>ConcurrentDictionary&lt;K,V&gt;</c>, when every use of it has a concurrent equivalent.
/// </summary>
internal sealed class ConcurrentCollectionRewrite
{
    private readonly List<(SyntaxNode Node, SyntaxNode Replacement)> _edits = new();

    private ConcurrentCollectionRewrite(ISymbol state, string concurrentName)
    {
        State = state;
        ConcurrentName = concurrentName;
    }

    public ISymbol State { get; }

    /// <summary><c>ConcurrentBag</c> or <c>ConcurrentDictionary</c>.</summary>
    public string ConcurrentName { get; }

    public string Title => $"Use {ConcurrentName}";

    public void Apply(DocumentEditor editor)
    {
        foreach (var (node, replacement) in _edits)
        {
            editor.ReplaceNode(node, replacement.WithTriviaFrom(node));
        }
    }

    /// <summary>The rewrite of the collection used at <paramref name="access"/>, or null when some use has no concurrent equivalent.</summary>
    public static ConcurrentCollectionRewrite? TryCreate(SyntaxNode access, SemanticModel model, CancellationToken cancellationToken)
    {
        var state = StateAccessSyntax.StateSymbol(access, model, cancellationToken);
        var type = state switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol { DeclaredAccessibility: Accessibility.Private } field => field.Type,
            _ => null,
        };
        if (state is null || type is not INamedTypeSymbol { IsGenericType: true } named || state.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var definition = named.OriginalDefinition.ToDisplayString();
        var isList = definition == "System.Collections.Generic.List<T>";
        var isDictionary = definition == "System.Collections.Generic.Dictionary<TKey, TValue>";
        var concurrentMetadataName = isList ? "System.Collections.Concurrent.ConcurrentBag`1" : isDictionary ? "System.Collections.Concurrent.ConcurrentDictionary`2" : null;
        if (concurrentMetadataName is null || model.Compilation.GetTypeByMetadataName(concurrentMetadataName) is null)
        {
            return null;
        }

        var declarator = state.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) as VariableDeclaratorSyntax;
        if (declarator is not { Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration } || declarator.SyntaxTree != access.SyntaxTree)
        {
            return null;
        }

        var rewrite = new ConcurrentCollectionRewrite(state, isList ? "ConcurrentBag" : "ConcurrentDictionary");
        if (!rewrite.PlanDeclaration(declaration, declarator))
        {
            return null;
        }

        SyntaxNode? scope = state is ILocalSymbol
            ? declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>()
            : declarator.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (scope is null || (state is IFieldSymbol && state.ContainingType.DeclaringSyntaxReferences.Length != 1))
        {
            return null; // a partial type may use the field in files we do not edit
        }

        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != state.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, state))
            {
                continue;
            }

            if (!rewrite.PlanUse(identifier, isList, model, cancellationToken))
            {
                return null;
            }
        }

        return rewrite;
    }

    private bool PlanDeclaration(VariableDeclarationSyntax declaration, VariableDeclaratorSyntax declarator)
    {
        switch (declarator.Initializer?.Value)
        {
            case ObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: null, Type: GenericNameSyntax generic }:
                _edits.Add((generic, Renamed(generic)));
                break;
            case ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Initializer: null }:
                break;
            default:
                return false; // capacity or comparer arguments, or initializers, have no one-to-one equivalent
        }

        if (declaration.Type is GenericNameSyntax declared)
        {
            _edits.Add((declared, Renamed(declared)));
        }
        else if (!declaration.Type.IsVar)
        {
            return false;
        }

        return true;
    }

    private GenericNameSyntax Renamed(GenericNameSyntax generic) => generic.WithIdentifier(SyntaxFactory.Identifier(ConcurrentName));

    private bool PlanUse(IdentifierNameSyntax identifier, bool isList, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (identifier.Parent)
        {
            case MemberAccessExpressionSyntax member when member.Expression == identifier:
                var name = member.Name.Identifier.ValueText;
                if (model.GetSymbolInfo(member, cancellationToken).Symbol is IMethodSymbol { IsExtensionMethod: true })
                {
                    return true; // LINQ and other IEnumerable extensions work on both
                }

                var invocation = member.Parent as InvocationExpressionSyntax;
                if (isList)
                {
                    return name switch
                    {
                        "Add" or "ToArray" => invocation is not null,
                        "Count" => invocation is null,
                        _ => false,
                    };
                }

                switch (name)
                {
                    case "TryGetValue" or "ContainsKey" or "TryAdd":
                        return invocation is not null;
                    case "Count" or "Keys" or "Values":
                        return invocation is null;
                    case "Add" when invocation is { Parent: ExpressionStatementSyntax, ArgumentList.Arguments.Count: 2 }:
                        // Add throws on a duplicate key; TryAdd keeps the first value. Two threads adding one key is the race.
                        _edits.Add((member.Name, SyntaxFactory.IdentifierName("TryAdd")));
                        return true;
                    case "Remove" when invocation is { Parent: ExpressionStatementSyntax, ArgumentList.Arguments.Count: 1 }:
                        _edits.Add((invocation, SyntaxFactory.ParseExpression($"{identifier.Identifier.ValueText}.TryRemove({invocation.ArgumentList.Arguments[0].WithoutTrivia()}, out _)")));
                        return true;
                    default:
                        return false;
                }

            case ElementAccessExpressionSyntax element when element.Expression == identifier:
                return !isList;
            case ForEachStatementSyntax loop when loop.Expression == identifier:
                return true;
            case ArgumentSyntax argument:
                return model.GetOperation(argument, cancellationToken) is IArgumentOperation { Parameter.Type: { } parameterType }
                    && (parameterType.SpecialType == SpecialType.System_Object
                        || parameterType.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IReadOnlyCollection_T);
            case VariableDeclaratorSyntax:
                return true;
            default:
                return false;
        }
    }
}
