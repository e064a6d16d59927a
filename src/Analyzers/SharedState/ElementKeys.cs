using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// State of the elements of a collection field, for work started once per element. A thread per lane
/// (<c>foreach (var lane in _lanes) new Thread(() =&gt; lane.Run(…))</c>) owns its lane: two lanes' threads never
/// touch each other's <c>_local</c> through <c>this</c>. But code on one lane's thread that reaches the other lanes
/// through the same field (<c>foreach (var lane in _lanes) thief.TryStealFrom(lane)</c>, then <c>victim._local</c>)
/// touches what another thread owns (set bj R14, work stealing from a plain queue).
/// </summary>
/// <remarks>
/// Both are keyed by the collection field: the thread's own element (the loop variable each copy of the work owns)
/// and any element (a parameter given the variable of a loop over the field, see <c>Frame.ElementParameters</c>).
/// Two accesses of one copy's own element never race with each other's copies; an access of any element races with
/// the copies' own. Two accesses of any element are left alone: nothing says that two threads own the elements.
/// </remarks>
internal static class ElementKeys
{
    /// <summary>
    /// Rekeys an access of the element a copy of repeated work owns by the collection field its loop runs over, and
    /// tells whether the key is one of a collection's elements and whether the element is the copy's own.
    /// </summary>
    /// <remarks>
    /// <c>anyElement</c> says whether the access reaches its object through a parameter given a loop's element
    /// (<c>Frame.ElementParameters</c>); only such an access is one of any element.
    /// </remarks>
    public static (bool ElementKey, bool OwnElement) Of(ref StateKey key, ConcurrentContext context, bool anyElement, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        var elementType = key.State.ContainingType;
        switch (key.Owner)
        {
            case ILocalSymbol local when SymbolEqualityComparer.Default.Equals(local.Type, elementType)
                                         && context.OwnsPerCopy(local)
                                         && LoopedField(local, semanticModels, cancellationToken) is { } field
                                         && HoldsElementsOf(field, elementType):
                key = new StateKey(key.State, field);
                return (true, true);
            case IFieldSymbol or IPropertySymbol when anyElement && HoldsElementsOf(key.Owner, elementType):
                return (true, false);
            default:
                return (false, false);
        }
    }

    /// <summary>
    /// The field or auto-property a <c>foreach</c> loop's variable runs over (<c>_lanes</c> in <c>foreach (var lane in
    /// _lanes)</c>), or null when <paramref name="local"/> is no such variable.
    /// </summary>
    public static ISymbol? LoopedField(ILocalSymbol local, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        if (local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ForEachStatementSyntax loop)
        {
            return null; // read on syntax first: most locals are not a loop's variable
        }

        return ConcurrentEntryFinder.Strip(semanticModels(loop.SyntaxTree).GetOperation(loop.Expression, cancellationToken)!) switch
        {
            IFieldReferenceOperation field => field.Field.OriginalDefinition,
            IPropertyReferenceOperation { Property: var property } when SharedStateWalker.IsAutoProperty(property) => property.OriginalDefinition,
            _ => null,
        };
    }

    /// <summary>Whether the field's type is an array or a generic collection of <paramref name="element"/>.</summary>
    private static bool HoldsElementsOf(ISymbol? holder, ITypeSymbol? element)
    {
        if (element is null)
        {
            return false;
        }

        var type = holder switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        return type switch
        {
            IArrayTypeSymbol array => SymbolEqualityComparer.Default.Equals(array.ElementType, element),
            INamedTypeSymbol { IsGenericType: true } named => named.TypeArguments.Any(argument => SymbolEqualityComparer.Default.Equals(argument, element)),
            _ => false,
        };
    }
}
