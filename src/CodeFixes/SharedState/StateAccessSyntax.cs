using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.CodeFixes.SharedState;

/// <summary>What a diagnostic's access touches, read back from its operation.</summary>
internal static class StateAccessSyntax
{
    /// <summary>The field, property, local or parameter written, or whose collection is used, at <paramref name="node"/>.</summary>
    public static ISymbol? StateSymbol(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var operation = model.GetOperation(node, cancellationToken);
        var state = operation switch
        {
            IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } => indexer.Instance,
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            IInvocationOperation { Instance: { } instance } => instance,
            IInvocationOperation { Arguments.Length: > 0 } extension => extension.Arguments[0].Value,
            IPropertyReferenceOperation { Instance: { } propertyInstance } => propertyInstance,
            _ => operation,
        };
        while (state is IConversionOperation conversion)
        {
            state = conversion.Operand;
        }

        return state switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
    }

    /// <summary>
    /// The states touched at <paramref name="accesses"/> for which <paramref name="fits"/> holds at every one of those
    /// accesses: Fix All gives such a state one kind of fix everywhere, and the others the lock.
    /// </summary>
    public static HashSet<ISymbol> StatesFitAtEveryAccess(IEnumerable<SyntaxNode> accesses, SemanticModel model, Func<SyntaxNode, bool> fits, CancellationToken cancellationToken)
    {
        var fitting = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var notFitting = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var access in accesses)
        {
            if (StateSymbol(access, model, cancellationToken) is { } state)
            {
                (fits(access) ? fitting : notFitting).Add(state);
            }
        }

        fitting.ExceptWith(notFitting);
        return fitting;
    }

    public static bool IsStaticState(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        => StateSymbol(node, model, cancellationToken) is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true };
}
