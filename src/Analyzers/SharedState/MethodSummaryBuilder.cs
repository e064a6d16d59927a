using System.Collections.Immutable;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>Builds the <see cref="MethodSummary"/> of one method of a type: one walk over its body's operations.</summary>
internal sealed class MethodSummaryBuilder
{
    private readonly INamedTypeSymbol _type;
    private readonly ConcurrencyTypes _types;
    private readonly SynchronizationFacts _synchronization;
    private readonly CancellationToken _cancellationToken;
    private readonly ConcurrentEntryFinder _entries;

    /// <summary>Locks held around the synchronous lambda being walked (empty outside one).</summary>
    private ImmutableArray<HeldLock> _outer = ImmutableArray<HeldLock>.Empty;

    public MethodSummaryBuilder(INamedTypeSymbol type, ConcurrencyTypes types, SynchronizationFacts synchronization, CancellationToken cancellationToken)
    {
        _type = type.OriginalDefinition;
        _types = types;
        _synchronization = synchronization;
        _cancellationToken = cancellationToken;
        _entries = new ConcurrentEntryFinder(types);
        _holdsCollectionValues = HoldsCollectionValues(_type, types);
        _holdsObjectValues = HoldsObjectValues(_type, types);
    }

    /// <summary>
    /// Whether <paramref name="type"/> has a collection field whose values are objects of a class of this compilation
    /// that can change (<c>Dictionary&lt;string, Section&gt;</c> with a settable <c>Section.SeatsAvailable</c>).
    /// </summary>
    public static bool HoldsObjectValues(INamedTypeSymbol type, ConcurrencyTypes types)
        => type.GetMembers().Any(member => member is IFieldSymbol field && field.Type switch
        {
            IArrayTypeSymbol array => IsChangeableObject(array.ElementType),
            INamedTypeSymbol { TypeArguments: var arguments } fieldType => types.IsUnsafeCollection(fieldType) && arguments.Any(IsChangeableObject),
            _ => false,
        });

    /// <summary>A class (not a record) declared in source with a settable instance property or a writable instance field.</summary>
    internal static bool IsChangeableObject(ITypeSymbol type)
        => type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsRecord: false } named && !named.DeclaringSyntaxReferences.IsEmpty
           && named.GetMembers().Any(member => member switch
           {
               IFieldSymbol field => !field.IsStatic && !field.IsReadOnly && !field.IsConst && !field.IsImplicitlyDeclared,
               IPropertySymbol property => !property.IsStatic && property.SetMethod is { IsInitOnly: false } && SharedStateWalker.IsAutoProperty(property),
               _ => false,
           });

    /// <summary>Whether the type has a collection field whose values are objects that can change (<see cref="HoldsObjectValues"/>).</summary>
    private readonly bool _holdsObjectValues;

    /// <summary>Whether <paramref name="type"/> has a collection field whose values are collections too (<c>Dictionary&lt;string, HashSet&lt;string&gt;&gt;</c>).</summary>
    public static bool HoldsCollectionValues(INamedTypeSymbol type, ConcurrencyTypes types)
        => type.GetMembers().Any(member => member is IFieldSymbol { Type: INamedTypeSymbol { TypeArguments: var arguments } fieldType }
                                           && types.IsUnsafeCollection(fieldType) && arguments.Any(types.IsUnsafeCollection));

    /// <summary>Whether the type has a collection field whose values are collections too (<c>Dictionary&lt;string, HashSet&lt;string&gt;&gt;</c>).</summary>
    private readonly bool _holdsCollectionValues;

    /// <summary>Whether each of the type's methods called so far hands the object to others (<see cref="MayPublishThis"/>).</summary>
    private readonly Dictionary<IMethodSymbol, bool> _publishesThis = new(SymbolEqualityComparer.Default);

    /// <summary>The body being summarized, and its locals that only ever hold one of the type's array fields (lazily).</summary>
    private IOperation? _body;
    private Dictionary<ILocalSymbol, ISymbol>? _arrayAliases;
    private Dictionary<ILocalSymbol, ISymbol>? _valueLocals;

    public MethodSummary Build(IMethodSymbol method, IOperation body)
    {
        _body = body;
        _arrayAliases = null;
        _valueLocals = null;
        var accesses = ImmutableArray.CreateBuilder<MemberAccess>();
        var calls = ImmutableArray.CreateBuilder<OwnCall>();
        var delegates = ImmutableArray.CreateBuilder<(IMethodSymbol, Location)>();
        string? synchronization = null;
        var locksOwnState = false;
        var atomic = ImmutableArray.CreateBuilder<ISymbol>();
        var firstStart = int.MaxValue;
        StatementSyntax? startCondition = null;
        var firstStartPerCall = false;
        var firstEscape = int.MaxValue;
        var starts = new List<ConcurrentEntry>();

        // Each operation waiting to be visited, with the context it runs in (shared by siblings, see WalkContext).
        var stack = new Stack<IOperation>();
        var contexts = new Stack<WalkContext>();
        stack.Push(body);
        contexts.Push(WalkContext.InPlace);
        while (stack.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var operation = stack.Pop();
            var context = contexts.Pop();
            var deferred = context.Deferred;
            _outer = context.Outer;
            if (!deferred && ConcurrentEntryFinder.IsCandidate(operation.Syntax) && operation.Syntax.SpanStart < firstStart)
            {
                starts.Clear();
                _entries.Collect(operation, starts);
                if (starts.Exists(static start => !start.IsCancellationCallback))
                {
                    firstStart = operation.Syntax.SpanStart;
                    startCondition = EnclosingIf(operation.Syntax) ?? RestartGate(operation.Syntax, starts);
                    firstStartPerCall = IsPerCallWork(method, operation, starts) || IsJoinedInCall(method, starts) || SupersedesEarlierWork(method, operation.Syntax);
                }
            }

            if (operation is IPropertyReferenceOperation propertyReference)
            {
                AddAccessorCalls(propertyReference, deferred, calls);
            }

            if (!deferred && operation is IArgumentOperation { Parent: IInvocationOperation receiving } argument
                && IsThisOrHoldsIt(argument.Value) && operation.Syntax.SpanStart < firstEscape
                && !IsOwnMethod(receiving.TargetMethod, receiving.Instance))
            {
                // 'source.Subscribe(this)', 'scheduler.Schedule((@this: this, id), …)': from here others can call it.
                // (A handle made with 'new Subscription(this, entry)' only points back at the object.)
                firstEscape = receiving.Syntax.SpanStart;
            }

            switch (operation)
            {
                case IDeconstructionAssignmentOperation deconstruction:
                    // '(_low, _high) = (0, 0)': each element of the target is written, each where it is named.
                    foreach (var element in DeconstructedTargets(deconstruction.Target))
                    {
                        RecordWrite(element, element, deferred, accesses, isCompound: Reads(deconstruction.Value, element), losesNothing: false);
                    }

                    break;
                case IAssignmentOperation assignment:
                    var swapped = assignment is ISimpleAssignmentOperation ? AfterValueSwap(assignment) : null;
                    RecordWrite(assignment.Target, assignment, deferred, accesses,
                        isCompound: assignment is ICompoundAssignmentOperation || swapped is not null
                                    || (assignment is ISimpleAssignmentOperation simple && (Reads(simple.Value, assignment.Target) || IsComparedFirst(simple) || StoreFacts.IsMadeFromCopy(simple))),
                        losesNothing: swapped is null && (IsConstant(assignment) || StoreFacts.IsIdempotentPublication(assignment)),
                        swapped);
                    break;
                case IIncrementOrDecrementOperation increment:
                    RecordWrite(increment.Target, increment, deferred, accesses, isCompound: true, losesNothing: false);
                    break;
                case IFieldReferenceOperation or IPropertyReferenceOperation when !IsWriteTarget(operation):
                    if (OwnState(operation) is { } state && !IsAtomicArgument(operation))
                    {
                        RecordRead(state, operation, deferred, accesses);
                    }
                    else if (_holdsObjectValues && ObjectValueHolder(operation) is { } holder)
                    {
                        // 'section.SeatsAvailable' of a section taken out of '_sections': a read of the values' state.
                        accesses.Add(new MemberAccess(holder, AccessKind.CollectionRead, Locks(operation), operation.Syntax.GetLocation(), false, false, deferred, onValue: true));
                    }
                    else if (HeldObjectMember(operation) is var (heldIn, heldMember))
                    {
                        // '_current.MistSeconds' of the settings object the type keeps and overwrites in place: read
                        // beside the member's stores (set az R05), only for the torn reads of members stored together.
                        accesses.Add(new MemberAccess(heldIn, AccessKind.Read, Locks(operation), operation.Syntax.GetLocation(), false, false, deferred) { HeldMember = heldMember });
                    }

                    break;
                case IArrayElementReferenceOperation { Type: { } elementType, ArrayReference: var array } element
                    when StoreFacts.IsTearable(elementType) && SharedStateWalker.IsWholeValueCopy(element) && OwnArray(array) is { } elements:
                    // 'RestrictedZone zone = _zones[i]': a struct of several fields copied out of the type's array field
                    // by field, beside its stores into the same elements (set bd R04).
                    accesses.Add(new MemberAccess(elements, AccessKind.Read, Locks(element), element.Syntax.GetLocation(), false, false, deferred) { WholeCopy = true });
                    break;
                case ILocalReferenceOperation { Local: var local } returned when _holdsCollectionValues && IsReturned(returned) && ValueHolder(local) is { } valueHolder:
                    // 'return _byRoll.TryGetValue(id, out var list) ? list : …': the value collection itself leaves the lock
                    // it was taken under (set aq R06: a roll's live defect list, which cameras add to under the lock).
                    accesses.Add(new MemberAccess(valueHolder, AccessKind.CollectionRead, ImmutableArray<HeldLock>.Empty, returned.Syntax.GetLocation(), false, false, deferred, onValue: true)
                    {
                        Escapes = true,
                        EscapesUnlocked = Locks(returned).IsEmpty,
                    });
                    break;
                case ILockOperation lockOperation:
                    var ownLock = OwnLockDescription(SynchronizationFacts.LockSymbol(lockOperation.LockedValue), lockOperation.LockedValue);
                    synchronization ??= ownLock;
                    locksOwnState |= ownLock is not null;
                    break;
                case IInvocationOperation invocation:
                    if (_holdsCollectionValues)
                    {
                        RecordValueUse(invocation, deferred, accesses);
                    }

                    if (_holdsObjectValues)
                    {
                        RecordValueCollectionUse(invocation, deferred, accesses);
                    }

                    RecordArrayArguments(invocation, deferred, accesses);
                    var synchronizes = Synchronization(invocation);
                    synchronization ??= synchronizes;
                    var atomicField = AtomicTarget(invocation);
                    locksOwnState |= synchronizes is not null && atomicField is null;
                    if (atomicField is not null)
                    {
                        atomic.Add(atomicField);
                        if (WritesBackWhatItRead(invocation, atomicField))
                        {
                            // 'var t = Volatile.Read(ref _total); Volatile.Write(ref _total, t + n);': two steps, not one.
                            accesses.Add(new MemberAccess(atomicField, AccessKind.Write, Locks(invocation), invocation.Syntax.GetLocation(), isCompound: true, losesNothing: false, deferred)
                            {
                                SplitUpdate = true,
                            });
                        }
                    }

                    if (IsOwnMethod(invocation.TargetMethod, invocation.Instance))
                    {
                        // An own async method started and not awaited goes on after its first await, later, holding none
                        // of the locks held here (set an R03: a constructor's '_exportLoop = RunAsync(…)').
                        var started = !deferred && invocation.TargetMethod is { IsAsync: true, ReturnsVoid: false }
                                      && invocation.Syntax is InvocationExpressionSyntax callSyntax && ConcurrentEntryFinder.StartsOwnAsyncMethod(callSyntax);
                        calls.Add(new OwnCall(invocation.TargetMethod.OriginalDefinition, started ? ImmutableArray<HeldLock>.Empty : Locks(invocation), deferred || started, invocation.Syntax.SpanStart)
                        {
                            ConstantFlags = OperationTree.ConstantFlags(invocation),
                            Forwarded = OperationTree.ForwardedFlags(invocation, method),
                            Blocks = IsWaitedSynchronously(invocation),
                        });
                        if (!deferred && invocation.Syntax.SpanStart < firstEscape && MayPublishThis(invocation.TargetMethod))
                        {
                            firstEscape = invocation.Syntax.SpanStart;
                        }
                    }

                    break;
                case IMethodReferenceOperation reference when IsOwnMethod(reference.Method, reference.Instance):
                    if (RunsRightHere(reference))
                    {
                        // 'lines.Select(FormatLine)': the method runs in this call, as a lambda given to LINQ does, holding
                        // what is held here; it is not started work (set bl R10).
                        calls.Add(new OwnCall(reference.Method.OriginalDefinition, Locks(reference), deferred, reference.Syntax.SpanStart));
                    }
                    else
                    {
                        delegates.Add((reference.Method.OriginalDefinition, reference.Syntax.GetLocation()));
                    }

                    break;
                case IForEachLoopOperation loop when _holdsCollectionValues
                    && Strip(loop.Collection) is ILocalReferenceOperation { Local: var enumerated } && ValueHolder(enumerated) is { } valueHolder:
                    // 'foreach (var handler in list)' after '_handlers.TryGetValue(key, out list)' under the lock that
                    // 'list.Add(handler)' holds elsewhere: enumerating a value is a read of the values (set ab R08).
                    accesses.Add(new MemberAccess(valueHolder, AccessKind.CollectionRead, Locks(loop), loop.Collection.Syntax.GetLocation(), false, false, deferred, onValue: true));
                    break;
            }

            var childContext = context;
            if (operation is IAnonymousFunctionOperation lambda)
            {
                // A lambda run right here (LINQ, List.ForEach, GetOrAdd) holds the locks held around it; one handed to a
                // thread, a timer, a continuation or stored for later holds none of them.
                var childDeferred = deferred || IsDeferred(lambda);
                childContext = new WalkContext(childDeferred, childDeferred ? ImmutableArray<HeldLock>.Empty : Locks(lambda));
            }
            else if (operation is ILocalFunctionOperation localFunction && operation != body)
            {
                // A local function only called here, and run to its end by each call, holds what its calls hold
                // (RabbitMQ.Client's RecoverQueuesAsync updates '_recordedConsumers' in one, called under the
                // semaphore its caller took); one handed out as a delegate, or started and not awaited, holds nothing.
                childContext = !deferred && InPlaceLocks(localFunction.Symbol) is { } callLocks ? new WalkContext(deferred: false, callLocks) : WalkContext.Later;
            }

            foreach (var child in operation.ChildOperations)
            {
                stack.Push(child);
                contexts.Push(childContext);
            }
        }

        if (firstStart < int.MaxValue && !firstStartPerCall)
        {
            // The method starts concurrent work itself: what it does before the first start is set-up that the
            // started code (and the thread-start model) sees in order, not a race with its callers. A start that an
            // 'if' decides is made again by every call that passes the check: the check and what its branch does
            // before the start are the callers' (set ap R16: 'if (!_flushing) { _flushing = true; _ = FlushAsync(); }').
            for (var i = accesses.Count - 1; i >= 0; i--)
            {
                if (!accesses[i].Deferred && accesses[i].Location.SourceSpan.Start < firstStart
                    && !(startCondition is not null && startCondition.Span.Contains(accesses[i].Location.SourceSpan)))
                {
                    accesses.RemoveAt(i);
                }
            }
        }

        if (firstEscape < int.MaxValue && method.MethodKind == MethodKind.Ordinary)
        {
            // The method hands the object to others (subscribes it, schedules a callback on it): it is the object's
            // start, as Rx's 'Sink.Run' is, and what it does before, itself or through its own helpers, is set-up.
            for (var i = accesses.Count - 1; i >= 0; i--)
            {
                if (!accesses[i].Deferred && accesses[i].Location.SourceSpan.Start < firstEscape)
                {
                    accesses.RemoveAt(i);
                }
            }

            for (var i = calls.Count - 1; i >= 0; i--)
            {
                if (!calls[i].Deferred && calls[i].Position >= 0 && calls[i].Position < firstEscape)
                {
                    calls.RemoveAt(i);
                }
            }
        }

        MarkParameterBranches(method, body, accesses, calls);
        return new MethodSummary(method.OriginalDefinition, accesses.ToImmutable(), calls.ToImmutable(), delegates.ToImmutable(), synchronization, atomic.ToImmutable(), locksOwnState)
        {
            ContinuationStart = method.IsAsync ? ContinuationStart(body.Syntax) : int.MaxValue,
        };
    }

    /// <summary>
    /// Where an <c>async</c> body's code may first run after an <c>await</c> of its own (not one in a lambda or a local
    /// function): the first <c>await</c>, or the start of the outermost loop around it, whose earlier statements run
    /// again after it. <see cref="int.MaxValue"/> when the body awaits nothing.
    /// </summary>
    private static int ContinuationStart(SyntaxNode body)
    {
        foreach (var node in body.DescendantNodes(static child => child is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            var awaits = node switch
            {
                AwaitExpressionSyntax => true,
                CommonForEachStatementSyntax loop => loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword),
                UsingStatementSyntax statement => statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword),
                LocalDeclarationStatementSyntax declaration => declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword),
                _ => false,
            };
            if (!awaits)
            {
                continue;
            }

            var start = node.SpanStart;
            for (var outer = node.Parent; outer is not null && outer != body; outer = outer.Parent)
            {
                if (outer is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax)
                {
                    start = outer.SpanStart;
                }
            }

            return start;
        }

        return int.MaxValue;
    }

    /// <summary>
    /// Marks each access and call that <paramref name="method"/> makes for one value of a <c>bool</c> parameter only
    /// (see <see cref="OperationTree.SkippedWhen"/>): <c>if (semaphoreHeld) Add(x); else { wait; try { Add(x); } …}</c>.
    /// Composed from a caller that passes the other value as a constant, it is never reached (RabbitMQ.Client's
    /// <c>RecordChannelAsync</c>, whose one caller passes <c>false</c>). The branches are those of
    /// <see cref="OperationTree.SkippedWhen"/>, found once per method as spans, since an access keeps only its location;
    /// within a branch of another condition, the flag's branch around it still counts.
    /// </summary>
    private static void MarkParameterBranches(IMethodSymbol method, IOperation body, ImmutableArray<MemberAccess>.Builder accesses, ImmutableArray<OwnCall>.Builder calls)
    {
        var branches = OperationTree.ParameterBranches(body, method);
        if (branches is null)
        {
            return;
        }

        foreach (var access in accesses)
        {
            access.SkippedWhen = ParameterBranch.Innermost(branches, access.Location.SourceSpan.Start);
        }

        foreach (var call in calls)
        {
            if (call.Position >= 0)
            {
                call.SkippedWhen = ParameterBranch.Innermost(branches, call.Position);
            }
        }
    }

    /// <summary><c>this</c>, or a tuple that holds it (<c>(@this: this, id)</c>, the state of a static callback).</summary>
    private static bool IsThisOrHoldsIt(IOperation value)
        => Strip(value) switch
        {
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => true,
            ITupleOperation tuple => tuple.Elements.Any(IsThisOrHoldsIt),
            _ => false,
        };

    /// <summary>
    /// Whether a call of the type's own <paramref name="method"/> hands the object to others: its text passes
    /// <c>this</c> to a call, as an argument or in a tuple; or it is abstract or virtual and returns a subscription
    /// (an <c>IDisposable</c>: Rx's <c>RunCore</c>, whose overrides subscribe the sink).
    /// </summary>
    private bool MayPublishThis(IMethodSymbol method)
    {
        if (method.IsAbstract || method.IsVirtual)
        {
            return method.ReturnType is { Name: "IDisposable", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
        }

        if (!_publishesThis.TryGetValue(method, out var publishes))
        {
            _publishesThis[method] = publishes = method.DeclaringSyntaxReferences.Any(PassesThisToACall);
        }

        return publishes;
    }

    private static readonly string[] ThisWord = ["this"];

    private bool PassesThisToACall(SyntaxReference reference)
    {
        // Most helpers never say 'this': the text answers before any node is made.
        if (!SourceWords.Any(reference.SyntaxTree.GetText(_cancellationToken), reference.Span, ThisWord))
        {
            return false;
        }

        foreach (var token in reference.GetSyntax(_cancellationToken).DescendantTokens())
        {
            if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ThisKeyword) && token.Parent is ThisExpressionSyntax { Parent: ArgumentSyntax argument }
                && (argument.Parent is TupleExpressionSyntax { Parent: ArgumentSyntax inTuple } ? inTuple : argument).Parent?.Parent is InvocationExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The field of a compare-and-swap against a value read before (<c>if (Interlocked.CompareExchange(ref _leadingMax,
    /// bid, current) == current) _leadingPaddle = paddle;</c>, set q R11) when <paramref name="assignment"/> stores into
    /// another field in the branch where it succeeded; null otherwise. Unlike a gate (a constant compared, reset by the
    /// winner), such a swap lets the next caller swap right after, so the two stores of the second field can land in
    /// either order: the pair is read-modified-written, not published.
    /// </summary>
    private IFieldSymbol? AfterValueSwap(IAssignmentOperation assignment)
    {
        if (OwnState(Strip(assignment.Target)) is not IFieldSymbol stored)
        {
            return null;
        }

        for (IOperation child = assignment, parent = assignment.Parent!; parent is not null; child = parent, parent = parent.Parent!)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            if (parent is IConditionalOperation { Condition: var condition } branch && child != condition
                && Strip(condition) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                && (comparison.OperatorKind == BinaryOperatorKind.Equals) == (child == branch.WhenTrue)
                && SwappedField(comparison) is { } swapped && !SymbolEqualityComparer.Default.Equals(swapped, stored))
            {
                return swapped;
            }
        }

        return null;
    }

    /// <summary>The field of <c>Interlocked.CompareExchange(ref f, value, comparand) == comparand</c>, for a comparand that is not a constant.</summary>
    private IFieldSymbol? SwappedField(IBinaryOperation comparison)
    {
        var (call, compared) = GateFacts.CallAndCompared(comparison);
        if (call is not { TargetMethod.Name: "CompareExchange", Arguments.Length: 3 } || !ConcurrencyTypes.Is(call.TargetMethod.ContainingType, _types.Interlocked)
            || Strip(call.Arguments[2].Value) is not ILocalReferenceOperation { Local: var comparand }
            || Strip(compared) is not ILocalReferenceOperation { Local: var against } || !SymbolEqualityComparer.Default.Equals(comparand, against))
        {
            return null;
        }

        return SynchronizationFacts.LockSymbol(call.Arguments[0].Value) is IFieldSymbol field && OwnState(Strip(call.Arguments[0].Value)) is not null ? field : null;
    }

    private void RecordWrite(IOperation target, IOperation write, bool deferred, ImmutableArray<MemberAccess>.Builder accesses, bool isCompound, bool losesNothing, IFieldSymbol? swapped = null)
    {
        target = Strip(target);
        if (_holdsObjectValues && ObjectValueHolder(target) is { } valueHolder)
        {
            // '_sections[id].SeatsAvailable++', 'section.SeatsAvailable--': a change of an object the collection holds.
            accesses.Add(new MemberAccess(valueHolder, AccessKind.CollectionMutation, Locks(write), write.Syntax.GetLocation(), isCompound, losesNothing: false, deferred, onValue: true));
            return;
        }

        if (HeldObjectMember(target) is var (heldIn, member))
        {
            // '_scratch.Total = …' of an object the type made for itself and keeps in a readonly field (set ag R10: a
            // singleton's "allocation-free" quote breakdown, filled anew by every request).
            accesses.Add(new MemberAccess(heldIn, AccessKind.Write, Locks(write), write.Syntax.GetLocation(), isCompound, losesNothing, deferred) { HeldMember = member });
            return;
        }

        if (target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection })
        {
            // 'items[key] = value' changes the collection, it does not write the field that holds it.
            if (OwnState(Strip(collection)) is { } owner && _types.IsUnsafeCollection(TypeOf(owner)))
            {
                accesses.Add(new MemberAccess(owner, AccessKind.CollectionMutation, Locks(write), write.Syntax.GetLocation(), isCompound: false, losesNothing: false, deferred));
            }

            return;
        }

        if (target is IArrayElementReferenceOperation { ArrayReference: var array } elementStore && OwnArray(array) is { } arrayState)
        {
            // '_slots[i] = item': the elements of an array the type holds are its state too.
            accesses.Add(new MemberAccess(arrayState, AccessKind.Write, Locks(write), write.Syntax.GetLocation(), isCompound, losesNothing: false, deferred,
                takes: Takes(write)) { ElementIndex = ConstantIndex(elementStore) });
            return;
        }

        if (target is IFieldReferenceOperation { Instance: { } element } && StructElementOfOwnArray(Strip(element)) is { } elementArray)
        {
            // '_totals[i].Energy += e', or 'ref var acc = ref _totals[i]; acc.Energy += e': a field of a struct element
            // of the type's array is part of that array's elements (set al R14).
            accesses.Add(new MemberAccess(elementArray, AccessKind.Write, Locks(write), write.Syntax.GetLocation(), isCompound, losesNothing: false, deferred));
            return;
        }

        if (target is IFieldReferenceOperation { Instance: { } inner } && Strip(inner) is IFieldReferenceOperation { Type.IsValueType: true } holder
            && OwnState(holder) is { } holderState && !IsReadOnlyField(holderState))
        {
            // '_summary.Count++': a field of a struct held in a field is part of that field's value.
            accesses.Add(new MemberAccess(holderState, AccessKind.Write, Locks(write), write.Syntax.GetLocation(), isCompound, losesNothing: false, deferred));
            return;
        }

        if (OwnState(target) is { } state && !IsReadOnlyField(state))
        {
            accesses.Add(new MemberAccess(state, AccessKind.Write, Locks(write), write.Syntax.GetLocation(), isCompound, losesNothing, deferred, Takes(write)) { AfterSwapOf = swapped });
        }
    }

    /// <summary>
    /// The type's own array given to a call, itself or as a span or memory over it (<c>_frame.AsMemory(0, n)</c>): the
    /// call writes its elements when it is a method of the compilation that stores into that parameter's elements
    /// (<c>Encode(cue, _frame)</c> with <c>frame[0] = …</c>), or a framework method that fills its destination
    /// (<c>CopyTo(_buffer, 0)</c>, <c>stream.Read(_buffer, …)</c>); else it reads them (<c>stream.Write(_frame, 0, 2)</c>).
    /// Set ak R16: a heartbeat that writes the shared frame buffer without the lock the cue sender encodes into it under.
    /// </summary>
    private void RecordArrayArguments(IInvocationOperation invocation, bool deferred, ImmutableArray<MemberAccess>.Builder accesses)
    {
        if (invocation.TargetMethod is { Name: "AsSpan" or "AsMemory", IsExtensionMethod: true })
        {
            return; // the span is the argument of the call it is made for, and counted there
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || ArrayGiven(argument.Value) is not { } array)
            {
                continue;
            }

            var writes = invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty
                ? FillsDestination(invocation.TargetMethod, parameter)
                : StoresIntoElements(invocation.TargetMethod, parameter);
            if (writes is null)
            {
                continue;
            }

            accesses.Add(new MemberAccess(array, writes.Value ? AccessKind.Write : AccessKind.Read, Locks(argument), argument.Syntax.GetLocation(), isCompound: false, losesNothing: false, deferred));
        }
    }

    /// <summary>The type's own array field that <paramref name="value"/> is, or a span or memory over it, or null.</summary>
    private ISymbol? ArrayGiven(IOperation value)
    {
        value = Strip(value);
        if (value is IInvocationOperation { TargetMethod: { Name: "AsSpan" or "AsMemory", IsExtensionMethod: true }, Arguments: { Length: > 0 } arguments })
        {
            value = Strip(arguments[0].Value);
        }

        return value.Type is IArrayTypeSymbol && value is IFieldReferenceOperation or ILocalReferenceOperation && OwnArray(value) is { } array
               && TypeOf(array) is IArrayTypeSymbol
            ? array
            : null;
    }

    /// <summary>
    /// Whether a framework method writes the array given for <paramref name="parameter"/>: a destination, a buffer a read
    /// fills, the array <c>Array.Clear</c>/<c>Fill</c>/<c>Sort</c>/<c>Reverse</c> change; else it reads it.
    /// </summary>
    private static bool? FillsDestination(IMethodSymbol method, IParameterSymbol parameter)
        => parameter.Name is "destination" or "destinationArray" or "dst" or "dest"
           || (parameter.Name == "buffer" && method.Name.StartsWith("Read", StringComparison.Ordinal))
           || (parameter.Name == "array" && method.Name is "CopyTo" or "Clear" or "Fill" or "Sort" or "Reverse")
           || (parameter.Name is "bytes" && method.Name is "GetBytes")
           || (parameter.Name is "chars" && method.Name is "GetChars");

    /// <summary>
    /// Whether a method of the compilation stores into the elements of <paramref name="parameter"/> (<c>frame[0] = …</c>,
    /// <c>frame[i]++</c>), read from its syntax; null when the parameter is not an array (a span or memory is written
    /// through calls this does not follow).
    /// </summary>
    private static bool? StoresIntoElements(IMethodSymbol method, IParameterSymbol parameter)
    {
        if (parameter.Type is not IArrayTypeSymbol)
        {
            return null;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(), parameter.Name))
            {
                if (token.Parent is IdentifierNameSyntax name && name.Parent is ElementAccessExpressionSyntax element && element.Expression == name
                    && element.Parent switch
                    {
                        AssignmentExpressionSyntax assignment => assignment.Left == element,
                        PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax => true,
                        _ => false,
                    })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The index of a one-dimensional element access when it is a constant (<c>_points[1]</c>), else null.</summary>
    private static int? ConstantIndex(IArrayElementReferenceOperation element)
        => element.Indices.Length == 1 && element.Indices[0].ConstantValue is { HasValue: true, Value: int index } ? index : null;

    /// <summary>
    /// A take (see <see cref="MemberAccess.Takes"/>): a plain store of <c>null</c> or <c>default</c> into a
    /// reference-typed target, or of a constant into a value-typed one, in a method that first copied the same state
    /// into a local (<c>var item = items[i]; … items[i] = null; return item;</c>, <c>var count = _count; _count = 0;</c>).
    /// A store that only clears (<c>if (_cache != null) _cache = null;</c>, <c>_count = 0;</c>) takes nothing.
    /// </summary>
    private bool Takes(IOperation write)
    {
        if (write is not ISimpleAssignmentOperation { Target.Type: { } type } assignment)
        {
            return false;
        }

        var value = Strip(assignment.Value);
        var clears = type.IsReferenceType
            ? value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null }
            : type.IsValueType && (value is IDefaultValueOperation || value.ConstantValue.HasValue);
        if (!clears)
        {
            return false;
        }

        var target = Strip(assignment.Target);
        foreach (var operation in _body!.Descendants())
        {
            if (operation.Syntax.SpanStart >= write.Syntax.SpanStart)
            {
                continue;
            }

            var copied = operation switch
            {
                IVariableDeclaratorOperation { Initializer.Value: { } initial } => Strip(initial),
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation } copy => Strip(copy.Value),
                _ => null,
            };
            if (copied is IInvocationOperation { TargetMethod: { Name: "Read", ContainingType.Name: "Interlocked" or "Volatile" } } read && read.Arguments.Length == 1)
            {
                copied = Strip(read.Arguments[0].Value); // 'var n = Interlocked.Read(ref _completed); _completed = 0;'
            }

            if (copied is not null && SameState(copied, target))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether two references name the same own state: one field, or elements of one array field.</summary>
    private bool SameState(IOperation a, IOperation b) => (a, b) switch
    {
        (IArrayElementReferenceOperation x, IArrayElementReferenceOperation y) => OwnArray(x.ArrayReference) is { } array && SymbolEqualityComparer.Default.Equals(array, OwnArray(y.ArrayReference)),
        (IArrayElementReferenceOperation, _) or (_, IArrayElementReferenceOperation) => false,
        _ => OwnState(a) is { } state && SymbolEqualityComparer.Default.Equals(state, OwnState(b)),
    };

    /// <summary>The own state an atomic call's first argument names: a field, or an element of an array field (<c>ref _slots[i]</c>).</summary>
    /// <summary>
    /// Whether <paramref name="invocation"/> is a <c>Volatile.Write</c> or <c>Interlocked.Exchange</c> of
    /// <paramref name="field"/> whose value is computed from the field itself, read directly or through a local declared
    /// from it (set t R16: <c>var current = Volatile.Read(ref _totalCents); Volatile.Write(ref _totalCents, current +
    /// price);</c>): a read-modify-write in two steps, which loses an update made between them.
    /// </summary>
    private bool WritesBackWhatItRead(IInvocationOperation invocation, ISymbol field)
    {
        if (invocation.TargetMethod.Name is not ("Write" or "Exchange") || invocation.Arguments.Length != 2)
        {
            return false;
        }

        bool IsField(IOperation operation) => Strip(operation) switch
        {
            IInvocationOperation { TargetMethod.Name: "Read", Arguments: { Length: 1 } arguments } read
                when (ConcurrencyTypes.Is(read.TargetMethod.ContainingType, _types.Volatile) || ConcurrencyTypes.Is(read.TargetMethod.ContainingType, _types.Interlocked))
                => SymbolEqualityComparer.Default.Equals(AtomicOperand(arguments[0].Value), field),
            var other => SymbolEqualityComparer.Default.Equals(AtomicOperand(other), field),
        };

        foreach (var operation in invocation.Arguments[1].Value.DescendantsAndSelf())
        {
            if (IsField(operation))
            {
                return true;
            }

            if (operation is ILocalReferenceOperation { Local: var local } && _body is not null)
            {
                foreach (var declared in _body.Descendants())
                {
                    if (declared is IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                        && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && declarator.Syntax.SpanStart < invocation.Syntax.SpanStart)
                    {
                        return IsField(initial);
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The type's own array whose struct element <paramref name="operand"/> is: <c>_totals[i]</c>, or a <c>ref</c> local
    /// declared as <c>ref _totals[i]</c> in the same body.
    /// </summary>
    private ISymbol? StructElementOfOwnArray(IOperation operand)
    {
        if (operand is ILocalReferenceOperation { Local: { RefKind: RefKind.Ref } local } && _body is not null)
        {
            foreach (var declared in _body.Descendants())
            {
                if (declared is IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    operand = Strip(initial);
                    break;
                }
            }
        }

        return operand is IArrayElementReferenceOperation { Type.IsValueType: true, ArrayReference: var array } ? OwnArray(array) : null;
    }

    private ISymbol? AtomicOperand(IOperation argument)
    {
        var operand = Strip(argument);
        return operand is IArrayElementReferenceOperation element ? OwnArray(element.ArrayReference) : OwnState(operand);
    }

    /// <summary>
    /// The type's own array field that <paramref name="array"/> is: the field itself, or a local that only ever holds it
    /// (<c>var items = _items; … items[i] = null</c>, the usual way pools read their array once).
    /// </summary>
    private ISymbol? OwnArray(IOperation array)
    {
        array = Strip(array);
        if (array is not ILocalReferenceOperation { Local: var local })
        {
            return OwnState(array);
        }

        if (_arrayAliases is null)
        {
            _arrayAliases = new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default);
            var assigned = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in _body!.Descendants())
            {
                if (operation is IVariableDeclaratorOperation { Initializer.Value: { } value } declarator && OwnState(Strip(value)) is { } field
                    && declarator.Symbol.Type is IArrayTypeSymbol)
                {
                    _arrayAliases[declarator.Symbol] = field;
                }
                else if (operation is IAssignmentOperation { Target: ILocalReferenceOperation { Local: var target } })
                {
                    assigned.Add(target);
                }
            }

            foreach (var reassigned in assigned)
            {
                _arrayAliases.Remove(reassigned);
            }
        }

        return _arrayAliases.TryGetValue(local, out var aliased) ? aliased : null;
    }

    /// <summary>
    /// A call on a collection taken out of one of the type's collections (<c>connections.Remove(id)</c> after
    /// <c>_byUser.TryGetValue(user, out connections)</c>, <c>connections.ToArray()</c>): a use of that collection's values.
    /// </summary>
    private void RecordValueUse(IInvocationOperation invocation, bool deferred, ImmutableArray<MemberAccess>.Builder accesses)
    {
        var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        if (receiver is IConditionalAccessInstanceOperation)
        {
            // 'connections?.Remove(id)': the receiver is the conditional access's operand.
            var access = receiver.Parent;
            while (access is not null and not IConditionalAccessOperation)
            {
                access = access.Parent;
            }

            receiver = (access as IConditionalAccessOperation)?.Operation;
        }

        if (receiver is null || Strip(receiver) is not ILocalReferenceOperation { Local: var local } || ValueHolder(local) is not { } holder)
        {
            return;
        }

        var kind = invocation.Instance is not null && ConcurrencyTypes.IsMutator(invocation.TargetMethod) ? AccessKind.CollectionMutation : AccessKind.CollectionRead;
        accesses.Add(new MemberAccess(holder, kind, Locks(invocation), invocation.Syntax.GetLocation(), isCompound: false, losesNothing: false, deferred, onValue: true));
    }

    /// <summary>
    /// A use of a collection that an object the type holds keeps in a member (<c>ticket.Notes.Add(note)</c> for a
    /// <c>ticket</c> taken out of <c>_tickets</c>, set s R16): a use of the values' state, like a write of their fields.
    /// </summary>
    private void RecordValueCollectionUse(IInvocationOperation invocation, bool deferred, ImmutableArray<MemberAccess>.Builder accesses)
    {
        var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        if (receiver is null || Strip(receiver) is not { Type: { } type } member || !_types.IsUnsafeCollection(type) || ObjectValueHolder(member) is not { } holder)
        {
            return;
        }

        var kind = invocation.Instance is not null && ConcurrencyTypes.IsMutator(invocation.TargetMethod) ? AccessKind.CollectionMutation : AccessKind.CollectionRead;
        accesses.Add(new MemberAccess(holder, kind, Locks(invocation), invocation.Syntax.GetLocation(), isCompound: false, losesNothing: false, deferred, onValue: true));
    }

    /// <summary>
    /// The type's own collection field that <paramref name="local"/> holds a value of: a collection declared from
    /// <c>_map[key]</c> or written by <c>_map.TryGetValue(key, out local)</c>, and otherwise only ever set to a new
    /// object (the value created when the key is missing, then stored).
    /// </summary>
    private ISymbol? ValueHolder(ILocalSymbol local)
    {
        if (_valueLocals is null)
        {
            _valueLocals = new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default);
            var other = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in _body!.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator:
                        if (HeldCollection(Strip(value)) is { } held && IsTrackedValue(declarator.Symbol.Type))
                        {
                            _valueLocals[declarator.Symbol] = held;
                        }

                        break;
                    case IInvocationOperation { TargetMethod.Name: "TryGetValue", Instance: { } map, Arguments.Length: 2 } tryGet
                        when OwnState(Strip(map)) is { } field && _types.IsUnsafeCollection(TypeOf(field)):
                        if (OperationTree.OutLocal(tryGet.Arguments[1].Value) is { } written && IsTrackedValue(written.Type))
                        {
                            _valueLocals[written] = field;
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var target }, Value: var assigned }
                        when Strip(assigned) is not IObjectCreationOperation && HeldCollection(Strip(assigned)) is null:
                        other.Add(target);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var target }, Value: var assigned }
                        when _holdsObjectValues && IsChangeableObject(target.Type) && HeldCollection(Strip(assigned)) is { } element:
                        // 'best = _cars.Where(…).FirstOrDefault();' under the lock, 'best.TargetFloor = floor;' after it.
                        _valueLocals[target] = element;
                        break;
                }
            }

            foreach (var reassigned in other)
            {
                _valueLocals.Remove(reassigned);
            }
        }

        return _valueLocals.TryGetValue(local, out var holder) ? holder : null;
    }

    /// <summary>
    /// The own collection field whose value's member <paramref name="member"/> names: <c>_map[key].Count</c>, or
    /// <c>entry.Count</c> of a local taken out of <c>_map</c> (see <see cref="ValueHolder"/>); null otherwise.
    /// </summary>
    private ISymbol? ObjectValueHolder(IOperation member)
    {
        var (instance, containing) = member switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } owner } property when SharedStateWalker.IsAutoProperty(property.Property) => (owner, property.Property.ContainingType),
            IFieldReferenceOperation { Field: { IsStatic: false, IsReadOnly: false }, Instance: { } owner } field => (owner, field.Field.ContainingType),
            _ => (null, null),
        };
        if (instance is null || !IsChangeableObject(containing!))
        {
            return null;
        }

        var value = Strip(instance);
        return value is ILocalReferenceOperation { Local: var local } ? ValueHolder(local) : HeldCollection(value);
    }

    /// <summary>A value whose uses are followed: a collection, or an object that can change when the type holds such.</summary>
    private bool IsTrackedValue(ITypeSymbol type) => _types.IsUnsafeCollection(type) || (_holdsObjectValues && IsChangeableObject(type));

    /// <summary>
    /// The own collection field that <paramref name="value"/> is an element of: <c>_map[key]</c>; and, when the type
    /// holds objects that can change, <c>_cars[i]</c> of an array field or an element a query picks out of a field
    /// (<c>_cars.Where(…).FirstOrDefault()</c>, <c>_cars.Single(…)</c>). Null otherwise.
    /// </summary>
    private ISymbol? HeldCollection(IOperation value)
    {
        if (value is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } map } && OwnState(Strip(map)) is { } field && _types.IsUnsafeCollection(TypeOf(field)))
        {
            return field;
        }

        if (!_holdsObjectValues)
        {
            return null;
        }

        return value switch
        {
            IArrayElementReferenceOperation { ArrayReference: var array } => OwnArray(array),
            IInvocationOperation { TargetMethod.Name: var name } query when ElementPickers.Contains(name) => QueriedField(query),
            _ => null,
        };
    }

    /// <summary>Query operators that return one element of their source.</summary>
    private static readonly HashSet<string> ElementPickers = new(StringComparer.Ordinal)
    {
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "ElementAt", "ElementAtOrDefault", "MinBy", "MaxBy", "Find",
    };

    /// <summary>The own collection or array field at the root of a query (<c>_cars.Where(…).OrderBy(…).First()</c>).</summary>
    private ISymbol? QueriedField(IInvocationOperation query)
    {
        IOperation? source = query;
        for (var depth = 0; depth < 8 && source is IInvocationOperation call; depth++)
        {
            source = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            source = source is null ? null : Strip(source);
        }

        return source is not null && OwnState(source) is { } field && TypeOf(field) is IArrayTypeSymbol or INamedTypeSymbol { TypeArguments.Length: > 0 } ? field : null;
    }

    private void RecordRead(ISymbol state, IOperation reference, bool deferred, ImmutableArray<MemberAccess>.Builder accesses)
    {
        if (!_types.IsUnsafeCollection(TypeOf(state)))
        {
            if (!IsReadOnlyField(state))
            {
                accesses.Add(new MemberAccess(state, AccessKind.Read, Locks(reference), reference.Syntax.GetLocation(), false, false, deferred)
                {
                    WholeCopy = reference.Type is { IsValueType: true, SpecialType: SpecialType.None or SpecialType.System_Decimal } type
                                && SharedStateWalker.IsWholeValueCopy(reference) && StoreFacts.IsTearable(type),
                });
            }

            return;
        }

        // A collection: what matters is what is done with it.
        var use = reference.Parent;
        while (use is IConversionOperation)
        {
            use = use.Parent;
        }

        var returned = use;
        if (LiveView(use) is { } view)
        {
            // 'return _lots.AsReadOnly();', 'return _byId.Values;': a view that reads the collection itself, later.
            returned = view.Parent;
            while (returned is IConversionOperation)
            {
                returned = returned.Parent;
            }
        }

        if (returned is IReturnOperation { Kind: OperationKind.Return })
        {
            // The collection itself leaves the lock it was read under: the callers read it later, holding nothing. One
            // returned where no lock is held counts only in a type that declares its members concurrent (set aj R15:
            // a queue "shared by every station" whose 'Pending' getter hands out the live list): elsewhere the type's
            // author did not take the lock to read it, and such getters are mostly read once the work that fills the
            // collection is over.
            var unlocked = Locks(reference).IsEmpty;
            accesses.Add(new MemberAccess(state, AccessKind.CollectionRead, ImmutableArray<HeldLock>.Empty, reference.Syntax.GetLocation(), false, false, deferred) { Escapes = true, EscapesUnlocked = unlocked });
            return;
        }

        // '_names?.Add(name)', '_names?.Count': the call or property is the conditional access's, on this collection.
        var conditional = false;
        var whole = use;
        if (use is IConditionalAccessOperation { WhenNotNull: var whenNotNull })
        {
            while (whenNotNull is IConversionOperation converted)
            {
                whenNotNull = converted.Operand;
            }

            (use, conditional) = (whenNotNull, true);
        }

        bool OnThis(IOperation? instance) => instance is not null && (conditional ? instance is IConditionalAccessInstanceOperation : Strip(instance) == reference);
        var kind = use switch
        {
            IInvocationOperation invocation when OnThis(invocation.Instance)
                => ConcurrencyTypes.IsMutator(invocation.TargetMethod) ? AccessKind.CollectionMutation : AccessKind.CollectionRead,
            // Members that never change (IsReadOnly, Comparer) are safe to read during a write.
            IPropertyReferenceOperation { Property.Name: "IsReadOnly" or "Comparer" or "IsSynchronized" or "SyncRoot" } => null,
            IPropertyReferenceOperation property when OnThis(property.Instance)
                => IsWriteTarget(property) ? (AccessKind?)null : AccessKind.CollectionRead,
            IForEachLoopOperation => AccessKind.CollectionRead,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } } => AccessKind.CollectionRead,
            IInvocationOperation { Instance: null, TargetMethod.IsExtensionMethod: true, Arguments: { Length: > 0 } arguments } when conditional
                                                                                                                          && Strip(arguments[0].Value) is IConditionalAccessInstanceOperation
                => AccessKind.CollectionRead,
            // Copied by the framework ('new Dictionary<string, int>(_counts)', 'string.Join(", ", _names)'): enumerated here.
            IArgumentOperation { Parameter: { } parameter } argument when EnumeratesArgument(argument, parameter) => AccessKind.CollectionRead,
            _ => null, // passed or stored elsewhere: no access of its contents here
        };
        if (kind is { } found)
        {
            var at = conditional ? whole! : use is IInvocationOperation or IPropertyReferenceOperation ? use : reference;
            accesses.Add(new MemberAccess(state, found, Locks(at), at.Syntax.GetLocation(), false, false, deferred));
        }
    }

    /// <summary>
    /// Whether a framework constructor or static method enumerates the collection passed as <paramref name="argument"/>:
    /// its parameter is a sequence or collection interface (<c>IEnumerable&lt;T&gt;</c>, <c>IDictionary&lt;K, V&gt;</c>, …)
    /// and it is declared in a <c>System</c> namespace, whose copy constructors and helpers read the whole sequence
    /// before they return. A method of the compilation may keep the sequence instead, and is left alone.
    /// </summary>
    private static bool EnumeratesArgument(IArgumentOperation argument, IParameterSymbol parameter)
    {
        var callee = argument.Parent switch
        {
            IObjectCreationOperation creation => creation.Constructor,
            IInvocationOperation { TargetMethod.IsStatic: true } invocation => invocation.TargetMethod,
            _ => null,
        };
        return callee?.ContainingNamespace?.ToDisplayString() is { } space && (space == "System" || space.StartsWith("System.", StringComparison.Ordinal))
               && parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Interface, Name: "IEnumerable" or "ICollection" or "IReadOnlyCollection" or "IDictionary" or "IReadOnlyDictionary" or "IList" or "IReadOnlyList" } sequence
               && sequence.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" or "System.Collections";
    }

    /// <summary>
    /// For a store into a field or auto-property of an object held in a <c>readonly</c> instance field of the type whose
    /// declaration creates it (<c>private readonly QuoteBreakdown _scratch = new();</c>, a class of the compilation that
    /// is not a collection): the holding field and the member stored into.
    /// </summary>
    private (IFieldSymbol Holder, ISymbol Member)? HeldObjectMember(IOperation target)
    {
        var (member, instance) = target switch
        {
            IFieldReferenceOperation { Field: { IsStatic: false, IsConst: false } field, Instance: { } owner } => ((ISymbol)field, owner),
            IPropertyReferenceOperation { Property: { IsStatic: false, IsIndexer: false } property, Instance: { } owner } when SharedStateWalker.IsAutoProperty(property) => (property, owner),
            _ => (null, null),
        };
        if (member is null || Strip(instance!) is not IFieldReferenceOperation { Field: { IsReadOnly: true, IsStatic: false, Type: INamedTypeSymbol { TypeKind: TypeKind.Class } held } holder } holding
            || holding.Instance is not { } of || !IsThis(of)
            || !SymbolEqualityComparer.Default.Equals(holder.ContainingType?.OriginalDefinition, _type)
            || held.DeclaringSyntaxReferences.IsEmpty || _types.IsUnsafeCollection(held)
            || holder.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax })
        {
            return null;
        }

        return (holder.OriginalDefinition, member.OriginalDefinition);
    }

    /// <summary>The field or auto-property of the analysed type named by <paramref name="operation"/>, through <c>this</c> or statically.</summary>
    private ISymbol? OwnState(IOperation operation)
    {
        var (symbol, instance) = operation switch
        {
            IFieldReferenceOperation field when !field.Field.IsConst && !_types.IsThreadStatic(field.Field) => ((ISymbol)field.Field, field.Instance),
            IPropertyReferenceOperation property when SharedStateWalker.IsAutoProperty(property.Property) => (property.Property, property.Instance),
            _ => (null, null),
        };
        if (symbol is null || !SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, _type))
        {
            return null;
        }

        return symbol.IsStatic || (instance is not null && IsThis(instance))
            ? symbol.OriginalDefinition
            : null;
    }

    /// <summary>
    /// <c>this</c>, or the state object of a callback that was handed <c>this</c>: in <c>new Timer(static s =&gt;
    /// ((Limiter)s!).Refill(), this, …)</c> (or <c>ThreadPool.QueueUserWorkItem</c>, <c>Task.Factory.StartNew</c>,
    /// <c>CancellationToken.Register</c>), the cast parameter is the object itself, written that way only to avoid a
    /// closure. So is the element a tuple state is taken apart into, where the tuple handed over holds <c>this</c> there:
    /// <c>Register(static state =&gt; { var (board, c) = ((Board, Crossing))state!; … }, (this, crossing))</c> (set bh R09).
    /// </summary>
    private bool IsThis(IOperation instance)
    {
        if (Strip(instance) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
        {
            return true;
        }

        if (instance is IConversionOperation { Operand: var operand } conversion
            && SymbolEqualityComparer.Default.Equals(conversion.Type?.OriginalDefinition, _type)
            && Strip(operand) is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } callback })
        {
            return StateArguments(instance, callback).Any(static value => Strip(value) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance });
        }

        return Strip(instance) is ILocalReferenceOperation { Local: var local } && IsThisFromStateTuple(instance, local);
    }

    /// <summary>Whether <paramref name="local"/> is taken apart from a callback's tuple state at a place where the tuple handed over holds <c>this</c>.</summary>
    private bool IsThisFromStateTuple(IOperation use, ILocalSymbol local)
    {
        if (!SymbolEqualityComparer.Default.Equals(local.Type.OriginalDefinition, _type))
        {
            return false;
        }

        for (var function = use.Parent; function is not null; function = function.Parent)
        {
            if (function is not IAnonymousFunctionOperation { Symbol: var callback } lambda)
            {
                continue;
            }

            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is not IDeconstructionAssignmentOperation { Target: var target, Value: IConversionOperation { Operand: var state } }
                    || Strip(state) is not IParameterReferenceOperation { Parameter.ContainingSymbol: var owner }
                    || !SymbolEqualityComparer.Default.Equals(owner, callback)
                    || (target is IDeclarationExpressionOperation declaration ? declaration.Expression : target) is not ITupleOperation parts)
                {
                    continue;
                }

                for (var i = 0; i < parts.Elements.Length; i++)
                {
                    var part = parts.Elements[i] is IDeclarationExpressionOperation declared ? declared.Expression : parts.Elements[i];
                    if (part is ILocalReferenceOperation declaredLocal && SymbolEqualityComparer.Default.Equals(declaredLocal.Local, local))
                    {
                        return StateArguments(use, callback).Any(value => Strip(value) is ITupleOperation handed && handed.Elements.Length > i
                                                                          && Strip(handed.Elements[i]) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance });
                    }
                }
            }

            return false;
        }

        return false;
    }

    /// <summary>The values handed beside <paramref name="callback"/> (the lambda around <paramref name="inside"/>) to the call or creation that takes it.</summary>
    private static IEnumerable<IOperation> StateArguments(IOperation inside, IMethodSymbol callback)
    {
        var lambda = inside.Parent;
        while (lambda is not null && !(lambda is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, callback)))
        {
            lambda = lambda.Parent;
        }

        var argument = lambda?.Parent is IDelegateCreationOperation creation ? creation.Parent : lambda?.Parent;
        var arguments = argument?.Parent switch
        {
            IObjectCreationOperation created => created.Arguments,
            IInvocationOperation invoked => invoked.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        return argument is IArgumentOperation ? arguments.Where(a => a != argument).Select(static a => a.Value) : [];
    }

    /// <summary>
    /// A use of one of the type's own properties or indexers that has code (not an auto-property, which is state) is a
    /// call of its accessors: the getter when read, the setter when assigned, both for <c>+=</c>, <c>??=</c> and <c>++</c>.
    /// </summary>
    private void AddAccessorCalls(IPropertyReferenceOperation reference, bool deferred, ImmutableArray<OwnCall>.Builder calls)
    {
        var property = reference.Property;
        if (SharedStateWalker.IsAutoProperty(property))
        {
            return;
        }

        var written = IsWriteTarget(reference);
        var read = !written || UseOf(reference).Parent is ICompoundAssignmentOperation or ICoalesceAssignmentOperation or IIncrementOrDecrementOperation;
        if (read)
        {
            AddCall(property.GetMethod);
        }

        if (written)
        {
            AddCall(property.SetMethod);
        }

        void AddCall(IMethodSymbol? accessor)
        {
            if (accessor is not null && IsOwnMethod(accessor, reference.Instance))
            {
                calls.Add(new OwnCall(accessor.OriginalDefinition, Locks(reference), deferred));
            }
        }
    }

    private bool IsOwnMethod(IMethodSymbol method, IOperation? instance)
        => SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, _type)
           && !method.DeclaringSyntaxReferences.IsEmpty
           && (method.IsStatic || (instance is not null && IsThis(instance)));

    /// <summary>"locks '_sync'" when a lock region is taken on this type's own state (a field, <c>this</c> or its type).</summary>
    private string? OwnLockDescription(ISymbol? lockSymbol, IOperation? lockedValue)
    {
        if (lockedValue is not null && Strip(lockedValue) is ITypeOfOperation { TypeOperand: { } typeOperand }
            && SymbolEqualityComparer.Default.Equals(typeOperand.OriginalDefinition, _type))
        {
            return $"locks 'typeof({_type.Name})'";
        }

        return lockSymbol switch
        {
            ITypeSymbol type when SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _type) => "locks 'this'",
            IFieldSymbol or IPropertySymbol when SymbolEqualityComparer.Default.Equals(lockSymbol.ContainingType?.OriginalDefinition, _type) => $"locks '{lockSymbol.Name}'",
            _ => null,
        };
    }

    private ISymbol? AtomicTarget(IInvocationOperation invocation)
    {
        var type = invocation.TargetMethod.ContainingType;
        return (ConcurrencyTypes.Is(type, _types.Interlocked) || ConcurrencyTypes.Is(type, _types.Volatile)) && invocation.Arguments.Length > 0
            ? AtomicOperand(invocation.Arguments[0].Value)
            : null;
    }

    private string? Synchronization(IInvocationOperation invocation)
    {
        var type = invocation.TargetMethod.ContainingType;
        if (ConcurrencyTypes.Is(type, _types.Interlocked) || ConcurrencyTypes.Is(type, _types.Volatile))
        {
            return invocation.Arguments.Length > 0 && AtomicOperand(invocation.Arguments[0].Value) is { } field
                ? $"uses {type.Name} on '{field.Name}'"
                : null;
        }

        if (SynchronizationFacts.ScopedAcquire(invocation) is not null && invocation.Instance is { } scopedLock)
        {
            return OwnLockDescription(SynchronizationFacts.LockSymbol(scopedLock), scopedLock);
        }

        var isRegion = ConcurrencyTypes.Is(type, _types.Monitor) || ConcurrencyTypes.Is(type, _types.SemaphoreSlim) || ConcurrencyTypes.Is(type, _types.ReaderWriterLockSlim)
            || ConcurrencyTypes.Is(type, _types.Lock) || ConcurrencyTypes.Is(type, _types.SpinLock) || ConcurrencyTypes.Is(type, _types.Mutex);
        if (!isRegion || invocation.TargetMethod.Name is not ("Enter" or "TryEnter" or "Wait" or "WaitAsync" or "EnterScope" or "EnterWriteLock" or "EnterReadLock" or "EnterUpgradeableReadLock" or "TryEnterWriteLock" or "TryEnterReadLock" or "WaitOne"))
        {
            return null;
        }

        var lockObject = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        return OwnLockDescription(SynchronizationFacts.LockSymbol(lockObject), lockObject);
    }

    private ImmutableArray<HeldLock> Locks(IOperation operation) => _outer.AddRange(_synchronization.LocksAt(operation, _type));

    /// <summary>Methods that run a delegate later or elsewhere rather than before they return.</summary>
    private static readonly HashSet<string> DeferringMethods = new(StringComparer.Ordinal)
    {
        "Run", "StartNew", "ContinueWith", "QueueUserWorkItem", "UnsafeQueueUserWorkItem", "Register", "UnsafeRegister",
        "RegisterWaitForSingleObject", "Post", "BeginInvoke", "InvokeAsync", "Schedule", "Subscribe", "For", "ForEach",
        "ForEachAsync", "Invoke", "SetCallback", "AddListener",
    };

    private static readonly HashSet<string> DeferringTypes = new(StringComparer.Ordinal)
    {
        "Parallel", "ParallelEnumerable", "Task", "TaskFactory", "ThreadPool", "Timer", "Thread",
    };

    /// <summary>The types whose methods run a delegate they are given before they return, or keep it only inside a lazy query that the caller enumerates.</summary>
    private static readonly HashSet<string> RunningTypes = new(StringComparer.Ordinal)
    {
        "Enumerable", "List", "Array", "ConcurrentDictionary", "ImmutableArray", "ImmutableList", "MemoryExtensions",
    };

    /// <summary>
    /// Whether a method group is given to a method that runs it before returning (<c>lines.Select(FormatLine)</c>,
    /// <c>list.Sort(Compare)</c>, <c>_cache.GetOrAdd(key, Create)</c>), as a lambda there would be; a method group kept
    /// for later (<c>_handlers.Add(OnTick)</c>, <c>new Timer(OnTick)</c>, <c>Task.Run(Loop)</c>) is not.
    /// </summary>
    private static bool RunsRightHere(IMethodReferenceOperation reference)
    {
        IOperation current = reference;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
               && RunningTypes.Contains(invocation.TargetMethod.ContainingType.Name)
               && !DeferringMethods.Contains(invocation.TargetMethod.Name)
               && !invocation.TargetMethod.Name.EndsWith("Async", StringComparison.Ordinal);
    }

    /// <summary>Whether a lambda may run after the code around it (or on another thread), outside the locks held there.</summary>
    private static bool IsDeferred(IAnonymousFunctionOperation lambda)
    {
        IOperation current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IArgumentOperation { Parent: { } call })
        {
            return true; // stored, subscribed, returned: runs later
        }

        return call switch
        {
            IInvocationOperation invocation => DeferringTypes.Contains(invocation.TargetMethod.ContainingType.Name)
                || (DeferringMethods.Contains(invocation.TargetMethod.Name) && !(invocation.TargetMethod.Name == "ForEach" && invocation.TargetMethod.ContainingType.Name == "List"))
                || invocation.TargetMethod.Name.EndsWith("Async", StringComparison.Ordinal),
            _ => true, // 'new Thread(…)', 'new Timer(…)', 'new Lazy<T>(…)': kept for later
        };
    }

    private static bool IsReadOnlyField(ISymbol state) => state is IFieldSymbol { IsReadOnly: true } || state is IPropertySymbol { SetMethod: null };

    private static ITypeSymbol? TypeOf(ISymbol state) => state switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static bool IsWriteTarget(IOperation operation)
    {
        var use = UseOf(operation);
        while (use.Parent is ITupleOperation tuple)
        {
            use = UseOf(tuple); // an element of the target of '(_a, _b) = …'
        }

        return use.Parent is IAssignmentOperation assignment && assignment.Target == use
               || use.Parent is IIncrementOrDecrementOperation;
    }

    /// <summary>The elements a deconstruction writes, through nested tuples: '_a' and '_b' in '(_a, (_b, _)) = …'.</summary>
    private static IEnumerable<IOperation> DeconstructedTargets(IOperation target)
    {
        target = Strip(target);
        if (target is ITupleOperation tuple)
        {
            foreach (var element in tuple.Elements)
            {
                foreach (var written in DeconstructedTargets(element))
                {
                    yield return written;
                }
            }
        }
        else if (target is not (IDiscardOperation or IDeclarationExpressionOperation))
        {
            yield return target;
        }
    }

    /// <summary><paramref name="operation"/> with the conversions and parentheses around it: what its parent uses.</summary>
    private static IOperation UseOf(IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>A <c>ref</c> argument: <c>Interlocked.Increment(ref _count)</c>, <c>Volatile.Read(ref _state)</c>, <c>LazyInitializer.EnsureInitialized(ref _value)</c>.</summary>
    private static bool IsAtomicArgument(IOperation operation)
        => operation.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out or RefKind.In or RefKind.RefReadOnlyParameter };

    private static bool Reads(IOperation value, IOperation target)
    {
        var symbol = Strip(target) switch
        {
            IFieldReferenceOperation field => (ISymbol)field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        if (symbol is null)
        {
            return false;
        }

        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IFieldReferenceOperation field && SymbolEqualityComparer.Default.Equals(field.Field, symbol)
                || operation is IPropertyReferenceOperation property && SymbolEqualityComparer.Default.Equals(property.Property, symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A store made only after comparing the state's old value (<c>if (ms &gt; _max) _max = ms;</c>): a read-modify-write
    /// written as a check, which loses the larger value when two callers run it at once. Only an ordering comparison
    /// in the condition of the <c>if</c> right around the store counts; a null or equality check is a lazy
    /// initialization or a state change, judged as a plain store.
    /// </summary>
    private static bool IsComparedFirst(ISimpleAssignmentOperation assignment)
    {
        IOperation? statement = assignment.Parent is IExpressionStatementOperation expression ? expression : null;
        var conditional = statement?.Parent is IBlockOperation { Parent: IConditionalOperation inBlock } ? inBlock : statement?.Parent as IConditionalOperation;
        if (conditional is null || conditional.WhenFalse is not null || conditional.Condition is null)
        {
            return false;
        }

        foreach (var operation in conditional.Condition.DescendantsAndSelf())
        {
            if (operation is IBinaryOperation
                {
                    OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
                } comparison
                && (Reads(comparison.LeftOperand, assignment.Target) || Reads(comparison.RightOperand, assignment.Target)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConstant(IAssignmentOperation assignment)
    {
        if (assignment is not ISimpleAssignmentOperation simple)
        {
            return false;
        }

        var value = Strip(simple.Value);
        return value.ConstantValue.HasValue || value is IDefaultValueOperation || OwnMethodDelegate(value) is not null;
    }

    /// <summary>
    /// The method when <paramref name="value"/> is a delegate to a static method or to a method of <c>this</c>
    /// (<c>_providePassword = ProvidePasswordFromField</c>, MySqlConnector's <c>MySqlDataSource</c>): one of a few fixed
    /// values, stored as an enum member is, so such stores count as stores of constants.
    /// </summary>
    internal static IMethodSymbol? OwnMethodDelegate(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IDelegateCreationOperation { Target: IMethodReferenceOperation { Instance: null or IInstanceReferenceOperation, Method: var method } } ? method : null;
    }

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>
    /// Whether the operations being visited run later (in a callback) and the locks held around them from outside their
    /// lambda. One object for all the operations of one body or lambda, not a tuple per operation: a stack of structs
    /// runs code that every new compiler process compiles first (see <see cref="CompositeKey"/>).
    /// </summary>
    /// <summary>
    /// The locks held at every call of <paramref name="function"/> in the body (those held at all of them), when each
    /// call runs it in place: a direct call not inside a lambda or another local function, awaited at once when the
    /// function is async; null when it is referenced otherwise (a method group handed out) or never called.
    /// </summary>
    private ImmutableArray<HeldLock>? InPlaceLocks(IMethodSymbol function)
    {
        ImmutableArray<HeldLock>? held = null;
        foreach (var operation in _body!.Descendants())
        {
            if (operation is IMethodReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Method, function))
            {
                return null;
            }

            if (operation is not IInvocationOperation call || !SymbolEqualityComparer.Default.Equals(call.TargetMethod, function))
            {
                continue;
            }

            if ((function.IsAsync && !IsAwaitedAtOnce(call)) || IsInsideFunction(call))
            {
                return null;
            }

            var locks = _synchronization.LocksAt(call, _type).ToImmutableArray();
            held = held is not { } before ? locks : before.RemoveAll(one => !locks.Any(other => other.Symbol is not null && SymbolEqualityComparer.Default.Equals(other.Symbol, one.Symbol)));
        }

        return held;
    }

    /// <summary>
    /// The view <paramref name="use"/> makes of the collection it reads, which reads the collection itself whenever it
    /// is read: <c>AsReadOnly()</c>, a dictionary's <c>Keys</c> or <c>Values</c>, a <c>ReadOnlyCollection</c> or
    /// <c>ReadOnlyDictionary</c> made over it (set av R06: a registry's <c>Lots</c> getter returning
    /// <c>_lots.AsReadOnly()</c> from inside its lock), and a deferred query over it (<c>_changes.Where(…)</c>, set ba
    /// R03: enumerated by the caller after the lock is released). Null for anything else.
    /// </summary>
    private static IOperation? LiveView(IOperation? use) => use switch
    {
        IInvocationOperation { TargetMethod.Name: "AsReadOnly", Arguments.Length: 0, Instance: not null } => use,
        IPropertyReferenceOperation { Property.Name: "Keys" or "Values", Instance: not null } => use,
        IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "ReadOnlyCollection" or "ReadOnlyDictionary" } creation } => creation,
        IArgumentOperation source => DeferredQuery(source),
        _ => null,
    };

    /// <summary>
    /// The outermost of the deferred <c>System.Linq.Enumerable</c> operators chained on <paramref name="source"/>
    /// (<c>Where</c>, <c>Select</c>, <c>OrderBy</c>…: those that return a sequence, not a list, an array or a value),
    /// or null when the first call is not one: each reads its source only when it is enumerated.
    /// </summary>
    private static IOperation? DeferredQuery(IArgumentOperation source)
    {
        IOperation? query = null;
        for (var argument = source; IsDeferredOperatorSource(argument); )
        {
            query = argument.Parent!;
            var use = query.Parent;
            while (use is IConversionOperation)
            {
                use = use.Parent;
            }

            if (use is not IArgumentOperation next)
            {
                break;
            }

            argument = next;
        }

        return query;
    }

    private static bool IsDeferredOperatorSource(IArgumentOperation argument)
        => argument.Parent is IInvocationOperation { TargetMethod: { IsExtensionMethod: true, Name: var name, ReturnType: INamedTypeSymbol { TypeKind: TypeKind.Interface } } call } query
           && query.Arguments.Length > 0 && query.Arguments[0] == argument
           && call.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
           && name != "ToLookup";

    /// <summary>Whether <paramref name="operation"/> is the value its method returns, through conversions and the arms of a <c>?:</c> or <c>??</c>.</summary>
    private static bool IsReturned(IOperation operation)
    {
        var use = operation;
        while (use.Parent is IConversionOperation or IConditionalOperation or ICoalesceOperation)
        {
            if (use.Parent is IConditionalOperation conditional && conditional.Condition == use)
            {
                return false;
            }

            use = use.Parent;
        }

        return use.Parent is IReturnOperation { Kind: OperationKind.Return };
    }

    /// <summary>
    /// Whether <paramref name="start"/>, in a member others call, starts work for what this call was given (it hands
    /// the started code one of the member's parameters, a cancellation token aside) and leaves it running when the call
    /// returns (<c>Parallel.For</c> ends before): each call starts its own, so what the member does before the
    /// start is not set-up done once, but runs again beside the work earlier calls started and beside other callers
    /// (set aq R15: an unlocked fast-path lookup before <c>_ = IssueCoreAsync(orderKey, …)</c>).
    /// </summary>
    private static bool IsPerCallWork(IMethodSymbol method, IOperation start, List<ConcurrentEntry> started)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility == Accessibility.Private || method.Parameters.IsEmpty
            || !started.Exists(static entry => entry.IntervalEnd == int.MaxValue))
        {
            return false;
        }

        foreach (var operation in start.DescendantsAndSelf())
        {
            if (operation is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method)
                && reference.Parameter.Type is not { Name: "CancellationToken", ContainingNamespace.Name: "Threading" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="method"/>, a member others call, retires the work an earlier call started before it starts
    /// its own: before <paramref name="start"/> it cancels or disposes what a field of the type holds
    /// (<c>_pending?.Cancel()</c>) and stores a new value into that field (<c>_pending = cts</c>). It is written to be
    /// called again and again (a debouncer, a restart), so what it does before the start is not set-up done once but
    /// runs beside other callers (set bb R08: two saves at once both cancel the same source, and one of the two new
    /// ones is never cancelled).
    /// </summary>
    private static bool SupersedesEarlierWork(IMethodSymbol method, SyntaxNode start)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility == Accessibility.Private
            || method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not { } declaration)
        {
            return false;
        }

        HashSet<string>? retired = null;
        foreach (var node in declaration.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node.SpanStart >= start.SpanStart)
            {
                break;
            }

            switch (node)
            {
                case InvocationExpressionSyntax { Expression: var callee } when ConcurrentEntryFinder.InvokedName(callee) is "Cancel" or "CancelAsync" or "Dispose" or "DisposeAsync"
                                                                             && RetiredField(callee) is { } field:
                    (retired ??= new HashSet<string>(StringComparer.Ordinal)).Add(field);
                    break;
                case AssignmentExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression, Left: var target }
                    when retired is not null && NullCheckedReads.NameOf(target) is { } stored && retired.Contains(stored):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The field whose value <paramref name="callee"/> is called on: <c>_f?.Cancel</c>, <c>_f.Cancel</c>, <c>this._f.Dispose</c>.</summary>
    private static string? RetiredField(ExpressionSyntax callee) => callee switch
    {
        MemberAccessExpressionSyntax { Expression: var receiver } => NullCheckedReads.NameOf(receiver),
        MemberBindingExpressionSyntax { Parent: ConditionalAccessExpressionSyntax { Expression: var receiver } } => NullCheckedReads.NameOf(receiver),
        MemberBindingExpressionSyntax { Parent: InvocationExpressionSyntax { Parent: ConditionalAccessExpressionSyntax { Expression: var receiver } } } => NullCheckedReads.NameOf(receiver),
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="method"/>, an async member others call, awaits all the async work it starts before it
    /// returns (<c>await Task.WhenAll(sends)</c>): an operation like any other, which callers call at once, not the
    /// object's start. Threads it starts and joins, and <c>Parallel</c> loops, are left as set-up: the classic
    /// compute step that one caller drives (<c>balance = 0;</c> then two threads joined). What it does before the start runs beside other callers (set ay R05: a
    /// broadcast copies the member list without the lock that joining and leaving take, then awaits the sends).
    /// </summary>
    /// <remarks>
    /// Not when the started work synchronizes by itself (a <c>lock</c> or an <c>Interlocked</c> call in its text): the
    /// type's lock may then be only the workers', and the method a step one loop drives (set d C33: a physics step
    /// clears its contact list, then merges each worker's contacts under a lock in <c>Parallel.For</c>).
    /// </remarks>
    private static bool IsJoinedInCall(IMethodSymbol method, List<ConcurrentEntry> started)
        => method is { MethodKind: MethodKind.Ordinary, IsAsync: true } && method.DeclaredAccessibility != Accessibility.Private
           && started.Count > 0
           && started.TrueForAll(static entry => entry.CallerJoin is not null && entry.IntervalEnd != int.MaxValue && !entry.IsCancellationCallback && !Synchronizes(entry.StartOperation.Syntax));

    private static bool Synchronizes(SyntaxNode start)
        => start.DescendantNodes().Any(static node => node is LockStatementSyntax
                                                      || node is IdentifierNameSyntax { Identifier.ValueText: "Interlocked" or "Monitor" or "Volatile" });

    /// <summary>
    /// For a start that follows a lock region which refuses it by an early exit (<c>lock (_queue) { _queue.Enqueue(m);
    /// if (_draining) return; _draining = true; } ThreadPool.QueueUserWorkItem(_ => Drain());</c>), when the started
    /// work clears the flag the check reads (<c>Drain</c>'s <c>_draining = false</c>): that lock region. Every call that
    /// passes the check starts the work again, so what the region does is the callers', not set-up done once (set ba
    /// R05, a mailbox whose drain clears its flag after the lock that found the queue empty). A start refused by a flag
    /// that the work never clears (a lifecycle's <c>if (_started) return;</c>) is set-up, as before. Returned as a
    /// statement whose span the kept accesses lie in (see <see cref="Build"/>); null otherwise.
    /// </summary>
    private StatementSyntax? RestartGate(SyntaxNode start, List<ConcurrentEntry> starts)
    {
        if (start.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax block } statement)
        {
            return null;
        }

        var index = block.Statements.IndexOf(statement);
        for (var i = index - 1; i >= 0; i--)
        {
            if (block.Statements[i] is not LockStatementSyntax region)
            {
                continue;
            }

            foreach (var check in region.Statement.DescendantNodes().OfType<IfStatementSyntax>())
            {
                if (check.Else is null && TypeConcurrency.Leaves(check.Statement) && DepositsBefore(region, check)
                    && check.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(flag => _type.GetMembers(flag.Identifier.ValueText).Any(m => m is IFieldSymbol)
                                                                                                           && starts.Exists(work => ClearsField(work.Body.Syntax, flag.Identifier.ValueText))))
                {
                    return region;
                }
            }

            return null;
        }

        return null;
    }

    /// <summary>
    /// Whether the lock region hands the work something before its check (<c>_queue.Enqueue(message)</c>, a store into a
    /// field): a caller the check turns away counts on the running work to take it. Without one the check only skips a
    /// run while another is busy (a refresh that is dropped when one is under way), which loses nothing of the caller's.
    /// </summary>
    private bool DepositsBefore(LockStatementSyntax region, IfStatementSyntax check)
    {
        foreach (var node in region.Statement.DescendantNodes())
        {
            if (node.SpanStart >= check.SpanStart)
            {
                return false;
            }

            var target = node switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver } } => receiver,
                AssignmentExpressionSyntax { Left: var written } => written,
                _ => null,
            };
            if (target is not null && FieldNames.Written(target) is { } field && _type.GetMembers(field).Any(member => member is IFieldSymbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether started code <paramref name="body"/>, or a method of the type it calls by name, assigns the field <paramref name="field"/>.</summary>
    private bool ClearsField(SyntaxNode body, string field)
    {
        static bool Assigns(SyntaxNode node, string field)
            => node.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(assignment => FieldNames.Written(assignment.Left) == field);

        if (Assigns(body, field))
        {
            return true;
        }

        foreach (var called in body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            foreach (var member in _type.GetMembers(called.Identifier.ValueText))
            {
                if (member is IMethodSymbol && member.DeclaringSyntaxReferences.Any(reference => Assigns(reference.GetSyntax(_cancellationToken), field)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The innermost <c>if</c> of the method around <paramref name="node"/>, or null.</summary>
    private static IfStatementSyntax? EnclosingIf(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case IfStatementSyntax check:
                    return check;
                case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the task <paramref name="call"/> returns is waited for on the calling thread: <c>.GetAwaiter().GetResult()</c>,
    /// <c>.Result</c> or <c>.Wait()</c>, through <c>ConfigureAwait</c> or <c>AsTask</c>.
    /// </summary>
    private static bool IsWaitedSynchronously(IInvocationOperation call)
    {
        var value = (IOperation)call;
        while (value.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask" } wrapped && wrapped.Instance == value)
        {
            value = wrapped;
        }

        return value.Parent switch
        {
            IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter when awaiter.Instance == value
                => awaiter.Parent is IInvocationOperation { TargetMethod.Name: "GetResult" },
            IInvocationOperation { TargetMethod.Name: "Wait" } wait => wait.Instance == value,
            IPropertyReferenceOperation { Property.Name: "Result" } result => result.Instance == value,
            _ => false,
        };
    }

    private static bool IsAwaitedAtOnce(IInvocationOperation call)
    {
        var parent = call.Parent;
        if (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance == call)
        {
            parent = configured.Parent;
        }

        return parent is IAwaitOperation;
    }

    private static bool IsInsideFunction(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class WalkContext
    {
        public static readonly WalkContext InPlace = new(deferred: false, ImmutableArray<HeldLock>.Empty);

        public static readonly WalkContext Later = new(deferred: true, ImmutableArray<HeldLock>.Empty);

        public WalkContext(bool deferred, ImmutableArray<HeldLock> outer)
        {
            Deferred = deferred;
            Outer = outer;
        }

        public bool Deferred { get; }

        public ImmutableArray<HeldLock> Outer { get; }
    }
}
