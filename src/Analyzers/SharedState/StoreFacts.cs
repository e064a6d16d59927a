using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
        if (stateType is not null && assignment is ICoalesceAssignmentOperation && IsTask(stateType))
        {
            // A lazily cached task ('_healthy ??= Task.FromResult(…)', StackExchange.Redis): a Task changes state only
            // through its own thread-safe completion, so two threads that both fill the cache lose nothing. (A plain
            // '_pending = Task.Run(…)' is not covered: the task it replaces is lost.)
            return true;
        }

        if (stateType is null || !IsImmutable(stateType))
        {
            return false;
        }

        if (stateType is { IsValueType: true, TypeKind: TypeKind.Struct })
        {
            // A record struct is copied field by field: a reader can see half of one store and half of another (a
            // 'State = Open' with the 'OpenedUtc' of the closed state), so even a complete value is not published whole.
            return false;
        }

        return assignment switch
        {
            ICoalesceAssignmentOperation => true,
            ISimpleAssignmentOperation simple => !ReadsTarget(simple.Value, target) && !IsMadeFromCopy(simple) && !IsDecidedByTheValue(simple, target),
            _ => false,
        };
    }

    /// <summary>
    /// Whether the store runs only when a condition compares the value it replaces: <c>if (Quality(photo) >
    /// Quality(_best)) _best = photo;</c>, also through a local copy (<c>var current = _best;</c>). Two threads that
    /// both read the old value and both store keep the last store, not the better one, so the store loses what the
    /// other decided. A condition that only asks whether the target is null (<c>if (_name is null) _name = …</c>) is
    /// a lazy fill, which stays an idempotent publication.
    /// </summary>
    private static bool IsDecidedByTheValue(IAssignmentOperation assignment, IOperation target)
    {
        var symbol = SymbolOf(target);
        if (symbol is null)
        {
            return false;
        }

        IOperation child = assignment;
        while (child.Parent is { } parent && child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            if (parent is IConditionalOperation conditional && !ReferenceEquals(child, conditional.Condition)
                && ComparesTheValue(conditional.Condition, symbol, FindRoot(parent)))
            {
                return true;
            }

            child = parent;
        }

        return false;
    }

    private static IOperation FindRoot(IOperation operation)
    {
        while (operation.Parent is { } parent && operation is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            operation = parent;
        }

        return operation;
    }

    private static bool ComparesTheValue(IOperation condition, ISymbol symbol, IOperation body)
    {
        foreach (var operation in condition.DescendantsAndSelf())
        {
            var readsTheValue = operation switch
            {
                IFieldReferenceOperation or IPropertyReferenceOperation => SymbolEqualityComparer.Default.Equals(SymbolOf(operation), symbol),
                ILocalReferenceOperation local => IsCopyOf(local.Local, symbol, body),
                _ => false,
            };
            if (readsTheValue && !IsNullCheck(operation))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCopyOf(ILocalSymbol local, ISymbol symbol, IOperation body)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return declarator.Initializer is { Value: var value } && SymbolEqualityComparer.Default.Equals(SymbolOf(Strip(value)), symbol);
            }
        }

        return false;
    }

    /// <summary>A read whose only use is to ask whether it is null: <c>x is null</c>, <c>x != null</c>, <c>x is { }</c>.</summary>
    private static bool IsNullCheck(IOperation read)
    {
        var use = read.Parent;
        while (use is IConversionOperation)
        {
            use = use.Parent;
        }

        return use switch
        {
            IIsPatternOperation { Pattern: var pattern } => IsNullPattern(pattern),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary
                => IsNullConstant(binary.LeftOperand) || IsNullConstant(binary.RightOperand),
            _ => false,
        };
    }

    private static bool IsNullPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => IsNullConstant(constant.Value),
        INegatedPatternOperation negated => IsNullPattern(negated.Pattern),
        IRecursivePatternOperation { PropertySubpatterns.Length: 0, DeconstructionSubpatterns.Length: 0, DeclaredSymbol: null } => true,
        _ => false,
    };

    private static bool IsNullConstant(IOperation operation)
        => Strip(operation) is { ConstantValue: { HasValue: true, Value: null } };

    private static ISymbol? SymbolOf(IOperation operation) => operation switch
    {
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };

    /// <summary>
    /// A value type wider than one machine word, which a plain read or write copies in pieces: <c>decimal</c>,
    /// <c>Guid</c>, <c>DateTimeOffset</c>, and source structs with more than one instance field. (A <c>long</c> or a
    /// <c>DateTime</c> is one 64-bit word; metadata structs are judged by name, reference assemblies omit their fields.)
    /// </summary>
    public static bool IsTearable(ITypeSymbol type)
    {
        if (!type.IsValueType || type.TypeKind != TypeKind.Struct || type.SpecialType is not (SpecialType.None or SpecialType.System_Decimal))
        {
            return false;
        }

        if (type.SpecialType == SpecialType.System_Decimal
            || type.ContainingNamespace?.ToDisplayString() == "System" && type.Name is "Guid" or "DateTimeOffset" or "Decimal" or "Int128" or "UInt128")
        {
            return true;
        }

        if (type.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        var fields = 0;
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsStatic: false, IsConst: false } && ++fields > 1)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTask(ITypeSymbol type)
        => type.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>";

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

                if (member is IFieldSymbol { IsStatic: false, IsReadOnly: true } collection && IsCollection(collection.Type) && IsFilledAfterConstruction(collection))
                {
                    return false; // a registry: the object is changed after it is published, so the losing copy's changes are lost
                }
            }
        }

        return true;
    }

    private static bool IsCollection(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol)
        {
            return true;
        }

        if (type.SpecialType == SpecialType.System_String || type.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable")
        {
            return false;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (@interface.SpecialType == SpecialType.System_Collections_IEnumerable)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether code of the field's type other than its constructors adds to, removes from or stores into the
    /// collection in <paramref name="field"/> (<c>_items.Add(x)</c>, <c>_items[k] = v</c>). Read on syntax only: the
    /// type's declarations are at hand, and binding them here would cost a semantic model per type.
    /// </summary>
    private static bool IsFilledAfterConstruction(IFieldSymbol field)
    {
        string[] name = [field.Name];
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            var text = declaration.SyntaxTree.GetText();
            foreach (var member in declaration.Members)
            {
                // Only a member whose text names the field can change it; the others are not walked.
                if (member is ConstructorDeclarationSyntax or BaseTypeDeclarationSyntax || !SourceWords.Any(text, member.Span, name))
                {
                    continue;
                }

                foreach (var node in member.DescendantNodes())
                {
                    var mutated = node switch
                    {
                        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } when ConcurrencyTypes.IsMutatorName(access.Name.Identifier.ValueText) => access.Expression,
                        AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax element } => element.Expression,
                        _ => null,
                    };
                    if (mutated is not null && Names(mutated, field.Name))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Names(ExpressionSyntax expression, string name) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
        _ => false,
    };

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

    /// <summary>
    /// Whether <paramref name="assignment"/> stores a value made from a local copy of the value it replaces
    /// (<c>var current = _slots; … _slots = current.Add(slot);</c>, set v R12): a read-modify-write in two steps, which
    /// loses the update of a caller that stores in between, as <c>_slots = _slots.Add(slot)</c> does.
    /// </summary>
    public static bool IsMadeFromCopy(ISimpleAssignmentOperation assignment)
    {
        if (SymbolOf(Strip(assignment.Target)) is not { } symbol)
        {
            return false;
        }

        // Read from the local's declaration, not by a walk of the body: this runs for every store a summary records.
        foreach (var operation in assignment.Value.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation { Local.DeclaringSyntaxReferences: { Length: 1 } declarations }
                && declarations[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: var initial } declarator
                && (CopiedName(initial) == symbol.Name || IsSizedFromCopy(declarator, initial, symbol.Name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a local's initial value is made from another local that copies the field <paramref name="name"/>:
    /// <c>var updated = new Handler[current.Length + 1];</c> after <c>var current = _handlers;</c>, the new array then
    /// filled from <c>current</c> (set bb R11, a handler array copied and written back without a compare-and-swap).
    /// </summary>
    private static bool IsSizedFromCopy(VariableDeclaratorSyntax declarator, ExpressionSyntax initial, string name)
    {
        if (initial is not (BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax)
            || declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
        {
            return false;
        }

        var copies = LocalCopies.GetValue(member, ReadLocalCopiesCallback);
        if (copies.Count == 0)
        {
            return false;
        }

        foreach (var identifier in initial.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (copies.TryGetValue(identifier.Identifier.ValueText, out var copied) && copied.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Each member's locals that copy a field, by the local's name (<c>var current = _handlers;</c>), read once per
    /// member: a store is asked about on every walk that reaches it, and a long method's walk made
    /// <see cref="IsSizedFromCopy"/> re-read the whole member per identifier (CSRedis, 6 % of a compile's samples).
    /// Keyed by syntax, which an edit elsewhere leaves as it was.
    /// </summary>
    private static readonly ConditionalWeakTable<MemberDeclarationSyntax, Dictionary<string, List<string>>> LocalCopies = new();

    private static readonly ConditionalWeakTable<MemberDeclarationSyntax, Dictionary<string, List<string>>>.CreateValueCallback ReadLocalCopiesCallback = ReadLocalCopies;

    private static Dictionary<string, List<string>> ReadLocalCopies(MemberDeclarationSyntax member)
    {
        var copies = new Dictionary<string, List<string>>();
        foreach (var declarator in member.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            if (declarator.Initializer?.Value is { } value && CopiedName(value) is { } field)
            {
                var local = declarator.Identifier.ValueText;
                if (!copies.TryGetValue(local, out var fields))
                {
                    copies[local] = fields = new List<string>(1);
                }

                fields.Add(field);
            }
        }

        return copies;
    }

    /// <summary>The field a local's initial value copies: <c>_slots</c>, <c>this._slots</c>, <c>Volatile.Read(ref _slots)</c>.</summary>
    private static string? CopiedName(ExpressionSyntax initial)
        => initial is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Read" }, ArgumentList.Arguments: { Count: 1 } arguments }
            ? NullCheckedReads.NameOf(arguments[0].Expression)
            : NullCheckedReads.NameOf(initial);

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
