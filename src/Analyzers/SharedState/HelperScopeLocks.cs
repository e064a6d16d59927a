using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A lock held through a scope that a helper object hands out: <c>using var notifications =
/// _notifications.AcquireLock();</c>, where the helper's method returns a value whose making enters a lock field of the
/// helper (<c>Monitor.Enter(_gate)</c>, <c>_gate.Enter()</c>, <c>_gate.EnterScope()</c>), reached through a few of the
/// helper's own calls and constructors (DynamicData's <c>DeliveryQueue.AcquireLock</c>: <c>new ScopedAccess(this)</c>,
/// whose constructor calls <c>owner.EnterLock()</c>). The lock held is the field of the caller's type that the helper
/// was built with, when the helper's constructor sets its gate from that argument and every creation of the helper in
/// the caller's type passes the same field (<c>new DeliveryQueue&lt;T&gt;(_locker, …)</c>: inside the <c>using</c>,
/// <c>_locker</c> is held, as in the type's <c>lock (_locker)</c> blocks). Otherwise it is the helper itself: a gate
/// of its own, the same for every scope it hands out.
/// </summary>
/// <remarks>
/// Only a helper held in a field of the caller's type, whose type is declared in the compilation, is read; the methods
/// followed are its own and those of its nested types (the scope), at most <see cref="MaxMethods"/> of them.
/// </remarks>
internal static class HelperScopeLocks
{
    private const int MaxMethods = 8;

    /// <summary>The lock that <paramref name="invocation"/>'s scope holds, or null when it is not such a scope.</summary>
    public static ISymbol? Held(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (invocation.Instance is not IFieldReferenceOperation { Field: var helper, Instance: null or IInstanceReferenceOperation }
            || helper.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } helperType
            || method.ReturnsVoid || method.IsStatic || method.DeclaringSyntaxReferences.IsEmpty
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, helperType.OriginalDefinition)
            || invocation.SemanticModel is not { } semanticModel)
        {
            return null;
        }

        var compilation = semanticModel.Compilation;
        if (EnteredGate(method.OriginalDefinition, helperType.OriginalDefinition, compilation, cancellationToken) is not { } gate)
        {
            return null;
        }

        return LockGiven(helper, gate, compilation, cancellationToken) ?? helper;
    }

    /// <summary>The field of <paramref name="helperType"/> that <paramref name="method"/> enters, directly or through the helper's own calls.</summary>
    private static IFieldSymbol? EnteredGate(IMethodSymbol method, INamedTypeSymbol helperType, Compilation compilation, CancellationToken cancellationToken)
    {
        var pending = new Queue<IMethodSymbol>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method };
        pending.Enqueue(method);
        while (pending.Count > 0 && seen.Count <= MaxMethods)
        {
            if (BodyOf(pending.Dequeue(), compilation, cancellationToken) is not { } body)
            {
                continue;
            }

            foreach (var operation in body.Descendants())
            {
                IMethodSymbol? next = null;
                if (operation is IInvocationOperation invocation)
                {
                    if (GateEntered(invocation, helperType) is { } gate)
                    {
                        return gate;
                    }

                    next = invocation.TargetMethod;
                }
                else if (operation is IObjectCreationOperation { Constructor: { } constructor })
                {
                    next = constructor;
                }

                if (next?.OriginalDefinition is { DeclaringSyntaxReferences.IsEmpty: false } followed && IsWithin(followed.ContainingType, helperType)
                    && seen.Add(followed))
                {
                    pending.Enqueue(followed);
                }
            }
        }

        return null;
    }

    /// <summary>A field of <paramref name="helperType"/> entered by <c>Monitor.Enter</c>/<c>TryEnter</c>, or by <c>Lock.Enter</c>/<c>EnterScope</c>.</summary>
    private static IFieldSymbol? GateEntered(IInvocationOperation invocation, INamedTypeSymbol helperType)
    {
        var target = invocation.TargetMethod;
        var lockObject = target switch
        {
            { Name: "Enter" or "TryEnter", IsStatic: true, ContainingType: { Name: "Monitor" } monitor } when IsThreading(monitor)
                && invocation.Arguments.Length > 0 => invocation.Arguments[0].Value,
            { Name: "Enter" or "EnterScope", IsStatic: false, ContainingType: { Name: "Lock" } lockType } when IsThreading(lockType) => invocation.Instance,
            _ => null,
        };
        return SynchronizationFacts.LockSymbol(lockObject) is IFieldSymbol { IsStatic: false } field
               && SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, helperType)
            ? field.OriginalDefinition
            : null;
    }

    /// <summary>
    /// The field of the caller's type that every creation of <paramref name="helper"/> passes for the constructor
    /// parameter that <paramref name="gate"/> is set from; null when there is none, or not one.
    /// </summary>
    private static ISymbol? LockGiven(IFieldSymbol helper, IFieldSymbol gate, Compilation compilation, CancellationToken cancellationToken)
    {
        ISymbol? given = null;
        var creations = 0;
        foreach (var creation in CreationsOf(helper, compilation, cancellationToken))
        {
            if (GateParameter(creation.Constructor?.OriginalDefinition, gate, compilation, cancellationToken) is not { } ordinal
                || creation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == ordinal) is not { } argument
                || SynchronizationFacts.LockSymbol(argument.Value) is not IFieldSymbol field
                || !SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, helper.ContainingType.OriginalDefinition)
                || (given is not null && !SymbolEqualityComparer.Default.Equals(given, field)))
            {
                return null;
            }

            given = field;
            creations++;
        }

        return creations > 0 ? given : null;
    }

    /// <summary>The ordinal of the parameter that <paramref name="constructor"/> assigns to <paramref name="gate"/>.</summary>
    private static int? GateParameter(IMethodSymbol? constructor, IFieldSymbol gate, Compilation compilation, CancellationToken cancellationToken)
    {
        if (constructor is null || BodyOf(constructor, compilation, cancellationToken) is not { } body)
        {
            return null;
        }

        foreach (var operation in body.Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: IFieldReferenceOperation target, Value: var value }
                && SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, gate)
                && OperationTree.Strip(value) is IParameterReferenceOperation parameter)
            {
                return parameter.Parameter.Ordinal;
            }
        }

        return null;
    }

    /// <summary>The object creations stored in <paramref name="helper"/>: its initializer, and assignments in its type's constructors.</summary>
    private static IEnumerable<IObjectCreationOperation> CreationsOf(IFieldSymbol helper, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var reference in helper.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                && OperationTree.Strip(CallerLocks.ModelOf(compilation, initializer.SyntaxTree).GetOperation(initializer, cancellationToken)!) is IObjectCreationOperation created)
            {
                yield return created;
            }
        }

        foreach (var constructor in helper.IsStatic ? helper.ContainingType.StaticConstructors : helper.ContainingType.InstanceConstructors)
        {
            if (BodyOf(constructor, compilation, cancellationToken) is not { } body)
            {
                continue;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IFieldReferenceOperation target, Value: var value }
                    && SymbolEqualityComparer.Default.Equals(target.Field, helper)
                    && OperationTree.Strip(value) is IObjectCreationOperation created)
                {
                    yield return created;
                }
            }
        }
    }

    private static IOperation? BodyOf(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        return CallerLocks.ModelOf(compilation, syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
    }

    private static bool IsWithin(INamedTypeSymbol? type, INamedTypeSymbol helperType)
    {
        for (; type is not null; type = type.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, helperType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsThreading(INamedTypeSymbol type)
        => type.ContainingNamespace is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
}
