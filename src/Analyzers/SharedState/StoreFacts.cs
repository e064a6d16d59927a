using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>What a store to shared state can lose when it races with another store.</summary>
internal static class StoreFacts
{
    /// <summary>
    /// An idempotent publication of an immutable value: <c>_version ??= Compute()</c>, or <c>_text = Build()</c> of a
    /// string or record that does not read the field it writes. Two threads racing here both publish a complete,
    /// equivalent value; the worst case is computing it twice, which is not a lost update.
    /// </summary>
    public static bool IsIdempotentPublication(IAssignmentOperation assignment)
    {
        var target = Strip(assignment.Target);
        var stateType = target switch
        {
            IFieldReferenceOperation field => field.Field.Type,
            IPropertyReferenceOperation property => property.Property.Type,
            _ => null,
        };
        if (stateType is null || !IsImmutable(stateType))
        {
            return false;
        }

        return assignment switch
        {
            ICoalesceAssignmentOperation => true,
            ISimpleAssignmentOperation simple => !ReadsTarget(simple.Value, target),
            _ => false,
        };
    }

    /// <summary>
    /// Types whose instances cannot change once published: strings, records, enums, nullable primitives, the
    /// immutable collections, and source types whose instance fields are all readonly. Metadata types are judged by
    /// name only, because reference assemblies omit private fields.
    /// </summary>
    public static bool IsImmutable(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String || type.IsRecord || type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return nullable.TypeArguments[0].SpecialType != SpecialType.None || nullable.TypeArguments[0].TypeKind == TypeKind.Enum;
        }

        if (type.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable" || type.ToDisplayString() is "System.Type" or "System.Version" or "System.Uri")
        {
            return true;
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || named.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (current.DeclaringSyntaxReferences.IsEmpty)
            {
                return false; // a base type from metadata: its private state is unknown
            }

            foreach (var member in current.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, IsReadOnly: false, IsConst: false })
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool ReadsTarget(IOperation value, IOperation target)
    {
        var symbol = target switch
        {
            IFieldReferenceOperation field => (ISymbol)field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        foreach (var operation in value.DescendantsAndSelf())
        {
            var read = operation switch
            {
                IFieldReferenceOperation field => (ISymbol)field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            if (read is not null && SymbolEqualityComparer.Default.Equals(read, symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
