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

    public static bool IsStaticState(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        => StateSymbol(node, model, cancellationToken) is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true };
}
