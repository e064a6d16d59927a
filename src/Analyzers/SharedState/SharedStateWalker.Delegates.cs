using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <content>Calls through a delegate whose target the code names without flow analysis.</content>
internal sealed partial class SharedStateWalker
{
    /// <summary>
    /// Follows a delegate call whose target is known from the code alone: a local with one definition, given a method
    /// group or a lambda, directly or through a property whose getter returns a method group of its own object
    /// (<c>Action&lt;long&gt; h = tracker.Handler; … h(10)</c>, with <c>Handler =&gt; OnChunk</c>). Two threads that
    /// call the same handler run its code at the same time, as two threads calling the method would.
    /// </summary>
    /// <remarks>
    /// Nothing else is guessed: a delegate from a parameter, a field, or a getter that computes one is not followed,
    /// since its target depends on code this walk does not see. A target read from a getter's body, or a lambda run
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
        if (frame.Visited.Count >= MaxMethodsPerContext || !frame.Visited.Add((lambda.Symbol, frame.ThisOwner, locks.Count > 0)))
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
