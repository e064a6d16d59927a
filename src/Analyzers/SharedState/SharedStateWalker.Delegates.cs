using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <content>Calls through a delegate whose target the code names without flow analysis.</content>
internal sealed partial class SharedStateWalker
{
    private readonly Dictionary<IFieldSymbol, IReadOnlyList<IMethodSymbol>?> _fieldTargets = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Follows a delegate call whose target is known from the code alone: a local with one definition, given a method
    /// group or a lambda, directly or through a property whose getter returns a method group of its own object
    /// (<c>Action&lt;long&gt; h = tracker.Handler; … h(10)</c>, with <c>Handler =&gt; OnChunk</c>), or a private field
    /// that its type only ever sets to method groups (<c>_onItem = Handle;</c> in the constructor, then
    /// <c>Parallel.ForEach(items, i =&gt; _onItem(i))</c>). Two threads that
    /// call the same handler run its code at the same time, as two threads calling the method would.
    /// </summary>
    /// <remarks>
    /// Nothing else is guessed: a delegate from a parameter, a field set to anything but method groups, or a getter that
    /// computes one is not followed, since its target depends on code this walk does not see. A target read from a getter's body, or a lambda run
    /// here, is not a step a digest can replay (the getter may change without a declaration changing), so such a body
    /// keeps no digest.
    /// </remarks>
    private void FollowDelegateTarget(IInvocationOperation invocation, Frame frame)
    {
        if (frame.Depth >= MaxCallDepth || invocation.Instance is not { } receiver)
        {
            return;
        }

        if (receiver is IConditionalAccessInstanceOperation)
        {
            // 'h?.Invoke(…)': the delegate is the operand of the nearest enclosing '?.'.
            receiver = EventSubscriptions.NearestConditionalAccess(invocation)?.Operation ?? receiver;
        }

        var value = OperationTree.Strip(receiver);
        if (value is ILocalReferenceOperation local && OnlyValue(local.Local, invocation) is { } initial)
        {
            value = OperationTree.Strip(initial);
        }

        if (value is IFieldReferenceOperation { Field: var field } fieldReference && FieldTargets(field) is { } targets)
        {
            // The field's targets are read from the bodies that assign it: no digest can replay them.
            frame.Recorder?.Fail();
            var fieldOwner = field.IsStatic ? OwnerSpec.None : OwnerOf(fieldReference.Instance);
            foreach (var target in targets)
            {
                FollowCall(target, target.IsStatic ? OwnerSpec.None : fieldOwner, new Site(invocation), frame);
            }

            return;
        }

        IOperation? getterReceiver = null;
        var fromGetter = false;
        if (value is IPropertyReferenceOperation property && ReturnedByGetter(property.Property) is { } returned)
        {
            getterReceiver = property.Instance;
            fromGetter = true;
            value = OperationTree.Strip(returned);
        }

        switch (value)
        {
            case IMethodReferenceOperation { Method: var target } reference when !target.DeclaringSyntaxReferences.IsEmpty:
                OwnerSpec owner;
                if (!fromGetter)
                {
                    owner = CalleeOwner(target, reference.Instance);
                }
                else if (target.IsStatic)
                {
                    owner = OwnerSpec.None;
                }
                else if (reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } && getterReceiver is not null)
                {
                    owner = OwnerOf(getterReceiver); // the getter's 'this' is the object the property was read on
                }
                else
                {
                    return; // another object's method, named inside the getter: which object, this walk cannot say here
                }

                if (fromGetter)
                {
                    frame.Recorder?.Fail();
                }

                FollowCall(target, owner, new Site(invocation), frame);
                break;
            case IAnonymousFunctionOperation lambda when !fromGetter:
                RunLambda(lambda, invocation, frame);
                break;
        }
    }

    /// <summary>
    /// Runs a lambda called on this thread where it is called: the locks held at the call hold over its body, and its
    /// captured variables are shared or not as they are in the code that calls it.
    /// </summary>
    private void RunLambda(IAnonymousFunctionOperation lambda, IInvocationOperation call, Frame frame)
    {
        var locks = Combine(frame.Inherited, new Site(call).LocksIn(_synchronization, frame.DeclaringType));
        if (frame.Visited.Count >= MaxMethodsPerContext || !frame.Visited.Add(new CompositeKey(lambda.Symbol, frame.ThisOwner, number: locks.Count > 0 ? 1 : 0)))
        {
            return;
        }

        frame.Recorder?.Fail();
        var body = new Frame(frame.Context, frame.CaptureBoundary, frame.AllLocalsShared, frame.ThisOwner, locks, frame.Depth + 1, frame.MemberName, frame.Visited, frame.DeclaringType)
        {
            Via = frame.Via,
            EnclosingFrame = frame.EnclosingFrame,
            LocalFunctionDeclaration = frame.LocalFunctionDeclaration,
        };
        Walk(lambda.Body, body);
    }

    /// <summary>
    /// The methods a private delegate field can hold, when every assignment of it in its type (initializer included)
    /// stores a method group of its own object or a static method, or <c>null</c>: <c>_onItem = Handle;</c> in the
    /// constructor. Null when any assignment stores anything else (a parameter, a lambda, another object's method),
    /// when the field is combined (<c>+=</c>) or passed by reference, or when it is not private (code elsewhere could
    /// store anything).
    /// </summary>
    private IReadOnlyList<IMethodSymbol>? FieldTargets(IFieldSymbol field)
    {
        field = field.OriginalDefinition;
        if (_fieldTargets.TryGetValue(field, out var known))
        {
            return known;
        }

        var targets = field.DeclaredAccessibility == Accessibility.Private && field.Type.TypeKind == TypeKind.Delegate
            ? CollectFieldTargets(field)
            : null;
        _fieldTargets[field] = targets;
        return targets;
    }

    private List<IMethodSymbol>? CollectFieldTargets(IFieldSymbol field)
    {
        var targets = new List<IMethodSymbol>();
        foreach (var declaration in field.ContainingType.DeclaringSyntaxReferences)
        {
            // Found at the name's places in the text, not by a walk of the type's every node once per field: a class
            // of hundreds of delegate fields (Confluent.Kafka's native bindings) made that quadratic.
            var type = declaration.GetSyntax(_cancellationToken);
            foreach (var token in SourceWords.IdentifiersNamed(type, field.Name))
            {
                if (token.Parent is not IdentifierNameSyntax name)
                {
                    continue;
                }

                SyntaxNode written = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : name;
                if (written.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 } or RefExpressionSyntax
                    || written.Parent is AssignmentExpressionSyntax compound && compound.Left == written && !compound.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    return null; // passed by reference, or combined: what it holds is not one assignment's value
                }

                if (written.Parent is AssignmentExpressionSyntax assignment && assignment.Left == written
                    && !AddAssignedTarget(field, _semanticModels(assignment.SyntaxTree).GetOperation(assignment, _cancellationToken), targets))
                {
                    return null;
                }
            }
        }

        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer }
                && _semanticModels(reference.SyntaxTree).GetOperation(initializer, _cancellationToken) is IFieldInitializerOperation { Value: var value }
                && !AddTarget(value, storedOnThis: true, targets))
            {
                return null;
            }
        }

        return targets;
    }

    /// <summary>Adds what an assignment of <paramref name="field"/> stores; false when it is not a method this walk can name.</summary>
    private static bool AddAssignedTarget(IFieldSymbol field, IOperation? operation, List<IMethodSymbol> targets)
    {
        if (operation is not ISimpleAssignmentOperation { Target: IFieldReferenceOperation target, Value: var value })
        {
            return operation is null; // a name that binds to something else (a local of the same name) stores nothing here
        }

        if (!SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field))
        {
            return true;
        }

        var onThis = field.IsStatic || target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
        return AddTarget(value, onThis, targets);
    }

    private static bool AddTarget(IOperation value, bool storedOnThis, List<IMethodSymbol> targets)
    {
        switch (OperationTree.Strip(value))
        {
            case ILiteralOperation or IDefaultValueOperation:
                return true; // null: nothing to call
            case IMethodReferenceOperation { Method: var method } reference when !method.DeclaringSyntaxReferences.IsEmpty
                && (method.IsStatic || (storedOnThis && reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })):
                targets.Add(method);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The value of a local that is assigned only where it is declared, in the body that holds <paramref name="site"/>;
    /// null if it is written anywhere else (assigned, passed by <c>ref</c> or <c>out</c>, deconstructed into).
    /// </summary>
    private static IOperation? OnlyValue(ILocalSymbol local, IOperation site)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer: not null } declarator)
        {
            return null;
        }

        IOperation? value = null;
        foreach (var operation in OperationTree.Root(site).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declaration when declaration.Syntax == declarator:
                    value = declaration.Initializer?.Value;
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local) && IsWritten(reference):
                    return null;
            }
        }

        return value;
    }

    private static bool IsWritten(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IAssignmentOperation assignment => assignment.Target == reference,
        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
        ITupleOperation or IDeclarationExpressionOperation or IAddressOfOperation => true,
        _ => false,
    };

    /// <summary>
    /// What the getter of <paramref name="property"/> returns, when its body is that one return and the getter that
    /// runs is this one (not virtual, not an indexer, declared in this compilation).
    /// </summary>
    private IOperation? ReturnedByGetter(IPropertySymbol property)
    {
        if (property.IsIndexer || property.IsVirtual || property.IsAbstract || property.IsOverride
            || property.GetMethod is not { DeclaringSyntaxReferences.Length: 1 } getter || IsAutoProperty(property))
        {
            return null;
        }

        var body = Body(getter.OriginalDefinition, getter.DeclaringSyntaxReferences[0]);
        while (body is IBlockOperation { Operations.Length: 1 } block)
        {
            body = block.Operations[0];
        }

        return body is IReturnOperation { ReturnedValue: { } returned } ? returned : null;
    }
}
