using Forklift.Analyzers.Locks;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Walks the code of one concurrent context, following calls into methods of the same compilation, and records every
/// access to shared state together with the locks held at it.
/// </summary>
internal sealed partial class SharedStateWalker
{
    /// <summary>
    /// How many calls deep we follow from a thread body. Real races sit a few calls from the start (body → service →
    /// helper); deeper chains cost time and add guesses about which object a call reaches.
    /// </summary>
    public const int MaxCallDepth = 5;

    /// <summary>A bound on the methods visited per context, so one huge call graph cannot stall a build.</summary>
    private const int MaxMethodsPerContext = 256;

    private readonly Compilation _compilation;
    private readonly ConcurrencyTypes _types;
    private readonly SynchronizationFacts _synchronization;
    private readonly Func<SyntaxTree, SemanticModel> _semanticModels;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<IMethodSymbol, IOperation?> _bodies = new(SymbolEqualityComparer.Default);
    private readonly EventSubscriptions _events;

    /// <summary>Null in a build: digests of followed bodies are kept only for compilations that share trees (an IDE's).</summary>
    private readonly DeclarationWorld? _world;

    private readonly Dictionary<BodyDigest, ImmutableArray<ResolvedStep>?> _resolved = new();

    public SharedStateWalker(Compilation compilation, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _types = types;
        _synchronization = new SynchronizationFacts(types);
        _semanticModels = semanticModels;
        _cancellationToken = cancellationToken;
        _events = new EventSubscriptions(compilation, semanticModels, cancellationToken);
        _world = DeclarationWorld.Of(compilation);
    }

    /// <summary>
    /// While the members of one object are walked beside the work it started (<see cref="WalkMembersBeside"/>): the
    /// callees already walked for an earlier member, with the depth they were walked from. Those members do not run
    /// beside each other, only beside the work, so a helper they all call (a client's hundreds of commands, each
    /// through one <c>Execute</c>) gives the same accesses each time: it is walked for the first member only.
    /// </summary>
    private Dictionary<CompositeKey, int>? _walkedBeside;

    /// <summary>
    /// Walks <paramref name="members"/>' calls sharing what each helper gave (see <see cref="_walkedBeside"/>); a member
    /// for which <paramref name="walkAlone"/> is true (its accesses may be taken back after its walk) shares nothing.
    /// </summary>
    public void WalkMembersBeside(IEnumerable<IMethodSymbol> members, Func<IMethodSymbol, bool> walkAlone, Action<IMethodSymbol> walk)
    {
        var shared = new Dictionary<CompositeKey, int>();
        try
        {
            foreach (var member in members)
            {
                _walkedBeside = walkAlone(member) ? null : shared;
                walk(member);
            }
        }
        finally
        {
            _walkedBeside = null;
        }
    }

    public List<StateAccess> Accesses { get; } = new();

    /// <summary>
    /// Walks the body of a concurrent entry; for an async body called on the starter's thread
    /// (<see cref="ConcurrentEntry.CallerJoin"/>), only from its first <c>await</c> on.
    /// </summary>
    /// <summary>
    /// The syntax of the starts of the document's entries (their <see cref="ConcurrentEntry.StartOperation"/>): the
    /// delegate a start runs is walked as its own entry, not as part of the code that makes the start.
    /// </summary>
    public HashSet<SyntaxNode> EntryStarts { get; } = new();

    private readonly Dictionary<SyntaxNode, bool> _startsAlone = new();

    /// <summary>Whether an entry's start runs only for the winner of a claim (<see cref="LockedGates.StartedAlone"/>).</summary>
    private bool StartsAlone(SyntaxNode start)
    {
        if (!_startsAlone.TryGetValue(start, out var alone))
        {
            _startsAlone[start] = alone = LockedGates.StartedAlone(start) is not null;
        }

        return alone;
    }

    public void WalkEntry(ConcurrentEntry entry, ConcurrentContext context)
        => WalkEntry(entry, context, entry.CallerJoin is null && !entry.StartsAtFirstAwait ? Part.Whole : Part.FromFirstAwait);

    /// <summary>Walks the code an async entry runs on the starter's thread, before its first <c>await</c>.</summary>
    public void WalkEntryBeforeFirstAwait(ConcurrentEntry entry, ConcurrentContext context)
        => WalkEntry(entry, context, Part.BeforeFirstAwait);

    private void WalkEntry(ConcurrentEntry entry, ConcurrentContext context, Part part)
    {
        var member = ContainingMember(entry.StartOperation);
        var thisOwner = member is { IsStatic: false } ? member.ContainingType : null;
        var memberName = DisplayName(member);
        var visited = new HashSet<CompositeKey>();
        switch (entry.Body)
        {
            case IAnonymousFunctionOperation lambda:
                if (part != Part.Whole && !lambda.Symbol.IsAsync)
                {
                    // 'x => SendAsync(x)': the lambda only calls the async method; walk it whole, as before the split.
                    if (part == Part.FromFirstAwait)
                    {
                        WalkEntry(entry, context, Part.Whole);
                    }

                    return;
                }

                var frame = new Frame(context, lambda.Syntax, allLocalsShared: false, thisOwner, [], 0, memberName, visited, member?.ContainingType);
                SetWindow(frame, part, lambda.Syntax);
                Walk(lambda.Body, frame);
                break;
            case IMethodReferenceOperation reference:
                // 'ForAll(AddToHistogram)', 'Parallel.For(0, n, Fill)': the method is the loop's body, one call per item.
                _loopBody = ParallelLoopOrdinal(entry.StartOperation) is { } ordinal ? (reference.Method.OriginalDefinition, ordinal) : null;
                FollowEntryMethod(reference.Method, SharedReceiver(reference.Instance, entry), context, thisOwner, visited, part);
                _loopBody = null;
                break;
            case IInvocationOperation invocation:
                FollowEntryMethod(invocation.TargetMethod, SharedReceiver(invocation.Instance, entry), context, thisOwner, visited, part, SharedObjectArguments(invocation, entry));
                break;
            case IMethodBodyOperation when member is IMethodSymbol handler:
                // A public 'async void' handler (ConcurrentEntryFinder): its own body, on its object.
                FollowEntryMethod(handler, instance: null, context, thisOwner, visited, part, owner: OwnerSpec.This);
                break;
        }
    }

    /// <summary>
    /// Walks fire-and-forget work that its method starts on every call, as the work of many calls at once
    /// (<see cref="ConcurrentEntry.StartedPerCall"/>): only the state the calls share counts, statics and the fields
    /// of the same <c>this</c>. Each call has its own locals and arguments, so captured variables are not shared here
    /// (the ordinary walk of the entry still pairs them with the starter's own code).
    /// </summary>
    public void WalkEntryPerCall(ConcurrentEntry entry, ConcurrentContext context)
    {
        var member = ContainingMember(entry.StartOperation);
        var thisOwner = member is { IsStatic: false } ? member.ContainingType : null;
        var visited = new HashSet<CompositeKey>();
        var perCall = new Frame(context, null, allLocalsShared: false, thisOwner, [], 0, DisplayName(member), visited, member?.ContainingType);
        switch (entry.Body)
        {
            case IAnonymousFunctionOperation lambda:
                Walk(lambda.Body, perCall);
                break;
            case IMethodReferenceOperation reference:
                Follow(reference.Method, reference.Method.IsStatic ? null : Resolve(OwnerOf(reference.Instance), perCall), [], depth: 0, context, visited);
                break;
        }
    }

    /// <summary>Which code of an async entry a walk covers.</summary>
    private enum Part
    {
        Whole,
        BeforeFirstAwait,
        FromFirstAwait,
    }

    private static void SetWindow(Frame frame, Part part, SyntaxNode declaration)
    {
        if (part == Part.Whole)
        {
            return;
        }

        var split = FirstAwait(declaration);
        if (part == Part.BeforeFirstAwait)
        {
            frame.WindowEnd = split;
        }
        else
        {
            frame.WindowStart = split - 1;
        }
    }

    /// <summary>
    /// Where the code of an async body stops being synchronous: the first top-level statement that awaits (a loop or
    /// <c>try</c> around an await counts whole, as later iterations and handlers run after it), or the end of a body
    /// without await.
    /// </summary>
    private static int FirstAwait(SyntaxNode declaration)
    {
        var body = declaration switch
        {
            BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression,
            LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody?.Expression,
            AnonymousFunctionExpressionSyntax lambda => lambda.Body,
            BlockSyntax localFunctionBody => localFunctionBody,
            _ => null,
        };
        if (body is null)
        {
            return declaration.SpanStart; // unknown shape: all of it runs concurrently
        }

        if (body is BlockSyntax block)
        {
            foreach (var statement in block.Statements)
            {
                if (Awaits(statement))
                {
                    return statement.SpanStart;
                }
            }

            return block.Span.End;
        }

        return Awaits(body) ? body.SpanStart : body.Span.End;
    }

    private static bool Awaits(SyntaxNode node)
    {
        foreach (var token in node.DescendantTokens(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (token.IsKind(SyntaxKind.AwaitKeyword))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The receiver of a repeated start, or null when each start gets its own object
    /// (<c>for (…) { var w = new Worker(); new Thread(w.Run).Start(); }</c>): that object's state is owned by its thread.
    /// </summary>
    private static IOperation? SharedReceiver(IOperation? instance, ConcurrentEntry entry)
        => entry.MultiInstance && instance is not null && ConcurrentEntryFinder.Strip(instance) is ILocalReferenceOperation local
           && ConcurrentEntryFinder.IsFreshPerRepetition(local.Local, entry.StartOperation.Syntax)
            ? null
            : instance;

    /// <summary>Walks the starter's own code between the start and the join of <paramref name="entry"/>.</summary>
    public void WalkStarter(ConcurrentEntry entry, ConcurrentContext context)
    {
        var member = ContainingMember(entry.StartOperation);
        var thisOwner = member is { IsStatic: false } ? member.ContainingType : null;
        var frame = new Frame(context, null, allLocalsShared: true, thisOwner, [], 0, DisplayName(member), new HashSet<CompositeKey>(), member?.ContainingType)
        {
            WindowStart = entry.IntervalStart,
            WindowEnd = entry.IntervalEnd,
            Excluded = entry.StartOperation.Syntax.Span,
            SkipNestedFunctions = true,
        };
        Walk(entry.StarterRoot, frame);
    }

    /// <summary>
    /// Walks a member of the object whose own work was started (<see cref="ConcurrencyModel"/>: work the object leaves
    /// running, against its members that callers can call meanwhile), on that object.
    /// </summary>
    public void WalkMemberOfStarter(IMethodSymbol member, ConcurrentContext context, ISymbol? thisOwner = null)
    {
        var visited = new HashSet<CompositeKey>();
        var frame = new Frame(context, null, allLocalsShared: false, thisOwner ?? member.ContainingType, [], 0, string.Empty, visited, member.ContainingType);
        Follow(member, Resolve(OwnerSpec.This, frame), [], depth: 0, context, visited, Part.Whole, frame);
    }

    private void FollowEntryMethod(IMethodSymbol method, IOperation? instance, ConcurrentContext context, ISymbol? thisOwner, HashSet<CompositeKey> visited, Part part, HashSet<ISymbol>? sharedParameters = null, OwnerSpec? owner = null)
    {
        var starter = new Frame(context, null, allLocalsShared: true, thisOwner, [], 0, string.Empty, visited, method.ContainingType);
        Follow(method, Resolve(owner ?? CalleeOwner(method, instance), starter), [], depth: 0, context, visited, method.IsAsync ? part : Part.Whole, starter, sharedParameters: sharedParameters);
    }

    /// <summary>
    /// The parameters of a repeated entry's method that every copy is given the same object for: the call in a loop
    /// (<c>segments.Add(FetchSegmentAsync(id, buffer, offset, length, progress, ct))</c>, joined by <c>Task.WhenAll</c>)
    /// passes the starting method's own parameter, <c>this</c>, a field, or a local declared outside the loop, so the
    /// copies share that object (set ac R07: each segment adds its bytes to one progress object). Only objects of a
    /// class: an array's copies usually fill their own slices, and a value is copied. Null when there is none.
    /// </summary>
    private static HashSet<ISymbol>? SharedObjectArguments(IInvocationOperation invocation, ConcurrentEntry entry)
    {
        if (!entry.MultiInstance || invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        HashSet<ISymbol>? shared = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { RefKind: RefKind.None, Type: { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } } parameter)
            {
                continue;
            }

            var same = ConcurrentEntryFinder.Strip(argument.Value) switch
            {
                IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LocalFunction) } } => true,
                IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => true,
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } => true,
                ILocalReferenceOperation local => IsDeclaredOutsideTheRepetition(local.Local, entry.StartOperation.Syntax),
                _ => false,
            };
            if (same)
            {
                (shared ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(parameter.OriginalDefinition);
            }
        }

        return shared;
    }

    /// <summary>Whether <paramref name="local"/> is declared outside the innermost loop or lambda that repeats <paramref name="start"/>.</summary>
    private static bool IsDeclaredOutsideTheRepetition(ILocalSymbol local, SyntaxNode start)
    {
        if (local.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var declaration = local.DeclaringSyntaxReferences[0].GetSyntax();
        for (var node = start.Parent; node is not null; node = node.Parent)
        {
            if (node is CommonForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or AnonymousFunctionExpressionSyntax)
            {
                return !node.Span.Contains(declaration.Span);
            }

            if (node is MemberDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                return false;
            }
        }

        return false;
    }

    // 'caller' is the frame that calls 'method': a local function sees its caller's captured variables, so a variable
    // declared outside the local function is shared exactly when it is shared in the caller.
    // flags: the bool constants the call passes (OperationTree.ConstantFlags, with the caller's own passed on); the
    // code of the body that runs only for other values is not walked (a helper told that its caller holds the lock).
    private void Follow(IMethodSymbol method, ISymbol? owner, IReadOnlyList<HeldLock> locks, int depth, ConcurrentContext context, HashSet<CompositeKey> visited, Part part = Part.Whole, Frame? caller = null, Dictionary<ISymbol, StateKey>? parameterStates = null, HashSet<ISymbol>? foreignIndices = null, ImmutableArray<(int Ordinal, bool Value)> flags = default, HashSet<ISymbol>? sharedParameters = null, Dictionary<ISymbol, ISymbol>? elementParameters = null, bool thisIsAnyElement = false)
    {
        flags = flags.IsDefault ? ImmutableArray<(int Ordinal, bool Value)>.Empty : flags;
        if (depth > MaxCallDepth || visited.Count >= MaxMethodsPerContext || !visited.Add(new CompositeKey(VisitKey(method), owner, flags.IsEmpty ? null : OperationTree.FlagsKey(flags), number: locks.Count > 0 ? 1 : 0)))
        {
            return;
        }

        // A callee an earlier member beside the same work walked as deep, with the same object, flags and locks, and
        // nothing of the caller's own passed in, adds only the same accesses again (see _walkedBeside).
        var beside = _walkedBeside is not null && depth > 0 && part == Part.Whole && method.MethodKind != MethodKind.LocalFunction
                     && parameterStates is null && foreignIndices is null && elementParameters is null && sharedParameters is null && !thisIsAnyElement
            ? new CompositeKey(VisitKey(method), owner, new CompositeKey(flags.IsEmpty ? null : OperationTree.FlagsKey(flags), LocksKey(locks), caller?.Via))
            : null;
        if (beside is not null && _walkedBeside!.TryGetValue(beside, out var walkedFrom) && walkedFrom <= depth)
        {
            return;
        }

        var walkedBeside = _walkedBeside;
        FollowBody(method, owner, locks, depth, context, visited, part, caller, parameterStates, foreignIndices, flags, sharedParameters, elementParameters, thisIsAnyElement);
        if (beside is not null && visited.Count < MaxMethodsPerContext)
        {
            // Kept only when the walk was not cut short by the bound on methods, which a later member may not reach.
            walkedBeside![beside] = walkedBeside.TryGetValue(beside, out var earlier) ? Math.Min(earlier, depth) : depth;
        }
    }

    /// <summary>A key for the locks a callee is followed with: which lock, whether it allows writes, where it was taken.</summary>
    private static string LocksKey(IReadOnlyList<HeldLock> locks)
    {
        if (locks.Count == 0)
        {
            return string.Empty;
        }

        var key = new System.Text.StringBuilder();
        foreach (var held in locks)
        {
            key.Append(held.Symbol?.ToDisplayString()).Append('/').Append(held.AllowsWrites).Append('/').Append(held.AcquiredIn?.ToDisplayString()).Append(';');
        }

        return key.ToString();
    }

    private void FollowBody(IMethodSymbol method, ISymbol? owner, IReadOnlyList<HeldLock> locks, int depth, ConcurrentContext context, HashSet<CompositeKey> visited, Part part, Frame? caller, Dictionary<ISymbol, StateKey>? parameterStates, HashSet<ISymbol>? foreignIndices, ImmutableArray<(int Ordinal, bool Value)> flags, HashSet<ISymbol>? sharedParameters, Dictionary<ISymbol, ISymbol>? elementParameters, bool thisIsAnyElement)
    {

        // A whole method is replayed from what an earlier compilation with the same declarations learnt from its body,
        // when its tree is unchanged. A local function's frame shares its caller's variables: it is recorded only when
        // followed from a body being recorded (where no variable is shared), and replayed only from that body's steps.
        var reference = BodyReference(method.OriginalDefinition);
        var local = method.MethodKind == MethodKind.LocalFunction;
        // A body given another iteration's index is walked afresh: what it does to an array element depends on it.
        var loopBody = depth == 0 && _loopBody is { } body0 && SymbolEqualityComparer.Default.Equals(body0.Method, method.OriginalDefinition) ? body0.Ordinal : (int?)null;
        // A digest keeps a body's steps for any caller: one walked for its callers' constant flags is not recorded.
        var digestible = _world is not null && reference is not null && part == Part.Whole && (!local || caller?.Recorder is not null) && foreignIndices is null && loopBody is null && flags.IsEmpty
                         && sharedParameters is null && elementParameters is null && !thisIsAnyElement;
        var known = false;
        if (digestible && BodyDigest.TryGet(reference!, _world!, out var digest))
        {
            known = true;
            if (!local && digest is not null && ResolvedSteps(digest) is { } steps && LocalsReplayable(digest, new HashSet<BodyDigest>()))
            {
                var replayed = new Frame(context, null, allLocalsShared: false, owner, locks, depth, DisplayName(method), visited, method.ContainingType)
                {
                    Via = caller?.Via,
                    ParameterStates = parameterStates,
                };
                _world!.CountReplay();
                foreach (var step in steps)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    Apply(step, replayed);
                }

                return;
            }
        }

        var body = reference is null ? null : Body(method.OriginalDefinition, reference);
        if (body is null)
        {
            return;
        }

        var frame = new Frame(context, null, allLocalsShared: false, owner, locks, depth, DisplayName(method), visited, method.ContainingType)
        {
            Via = caller?.Via,
            ParameterStates = parameterStates,
            SharedParameters = sharedParameters,
            ElementParameters = elementParameters,
            ThisIsAnyElement = thisIsAnyElement,
            ForeignIndices = foreignIndices,
            LoopBodyMethod = loopBody is { } ordinal ? method : null,
            LoopIterationOrdinal = loopBody ?? -1,
            Method = method.OriginalDefinition,
            Flags = flags,
            Skipped = ParameterBranch.SkippedFor(flags.IsEmpty ? null : OperationTree.ParameterBranches(body, method.OriginalDefinition), flags),
        };
        if (method.MethodKind == MethodKind.LocalFunction && caller is not null)
        {
            frame.EnclosingFrame = caller;
            frame.LocalFunctionDeclaration = method.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken);
        }

        SetWindow(frame, part, body.Syntax);
        if (digestible && !known)
        {
            frame.Recorder = new BodyDigest.Recorder(SymbolIds.Of(_compilation), _synchronization);
        }

        Walk(body, frame);
        if (frame.Recorder is { } recorder)
        {
            // A local function the walk did not follow from here (past the depth bound) left no digest to replay.
            var complete = recorder.LocalFunctions.TrueForAll(declaration => BodyDigest.TryGet(declaration, _world!, out var nested) && nested is not null);
            BodyDigest.Store(reference!, _world!, complete ? recorder.ToDigest() : null);
        }
    }

    /// <summary>What a context's walk has visited: a method's definition, or a local function's declaration (it has no ID).</summary>
    private static object VisitKey(IMethodSymbol method)
        => method.MethodKind == MethodKind.LocalFunction && method.DeclaringSyntaxReferences.Length == 1
            ? new LocalFunctionKey(method.DeclaringSyntaxReferences[0].SyntaxTree, method.DeclaringSyntaxReferences[0].Span.Start)
            : method.OriginalDefinition;

    /// <summary>Whether every local function <paramref name="digest"/> follows, and theirs, has a digest with its symbols here.</summary>
    private bool LocalsReplayable(BodyDigest digest, HashSet<BodyDigest> seen)
    {
        if (!seen.Add(digest))
        {
            return true;
        }

        foreach (var step in digest.Steps)
        {
            if (step.Local is { } declaration
                && !(BodyDigest.TryGet(declaration, _world!, out var nested) && nested is not null && ResolvedSteps(nested) is not null && LocalsReplayable(nested, seen)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Replays a call of a local function as <see cref="Follow"/> walks one, from the local function's digest.</summary>
    private void FollowLocal(ResolvedStep step, Site site, Frame frame)
    {
        var declaration = step.Local!;
        var owner = Resolve(step.Owner, frame);
        var locks = Combine(frame.Inherited, site.LocksIn(_synchronization, frame.DeclaringType));
        var depth = frame.Depth + 1;
        if (depth > MaxCallDepth || frame.Visited.Count >= MaxMethodsPerContext
            || !frame.Visited.Add(new CompositeKey(new LocalFunctionKey(declaration.SyntaxTree, declaration.Span.Start), owner, number: locks.Count > 0 ? 1 : 0))
            || !BodyDigest.TryGet(declaration, _world!, out var nested) || nested is null || ResolvedSteps(nested) is not { } steps)
        {
            return;
        }

        var replayed = new Frame(frame.Context, null, allLocalsShared: false, owner, locks, depth, step.LocalName!, frame.Visited, frame.DeclaringType)
        {
            Via = frame.Via,
            EnclosingFrame = frame,
        };
        foreach (var nestedStep in steps)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            Apply(nestedStep, replayed);
        }
    }

    private ImmutableArray<ResolvedStep>? ResolvedSteps(BodyDigest digest)
    {
        if (!_resolved.TryGetValue(digest, out var steps))
        {
            steps = digest.Resolve(SymbolIds.Of(_compilation));
            _resolved[digest] = steps;
        }

        return steps;
    }

    private void Apply(ResolvedStep step, Frame frame)
    {
        var site = new Site(step.Locks, step.Location);
        switch (step.Kind)
        {
            case StepKind.Record:
                Record(step.State, step.AccessKind, site, frame, step.IsConstantStore, step.StoredConstant);
                break;
            case StepKind.Follow:
                FollowCall((IMethodSymbol)step.Target!, step.Owner, site, frame);
                break;
            case StepKind.FollowLocal:
                FollowLocal(step, site, frame);
                break;
            case StepKind.Raise:
                RunHandlers((IEventSymbol)step.Target!, step.Owner, site, frame);
                break;
        }
    }

    /// <summary>The declaration that holds the body of <paramref name="method"/>, found without binding.</summary>
    private SyntaxReference? BodyReference(IMethodSymbol method)
    {
        var implementation = method.PartialImplementationPart ?? method;
        foreach (var reference in implementation.DeclaringSyntaxReferences)
        {
            if (!_compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                continue;
            }

            var hasBody = reference.GetSyntax(_cancellationToken) switch
            {
                BaseMethodDeclarationSyntax declaration => declaration.Body is not null || declaration.ExpressionBody is not null,
                LocalFunctionStatementSyntax local => local.Body is not null || local.ExpressionBody is not null,
                AccessorDeclarationSyntax accessor => accessor.Body is not null || accessor.ExpressionBody is not null,
                ArrowExpressionClauseSyntax => true, // the getter of 'int P => …' or 'this[int i] => …'
                _ => false,
            };
            if (hasBody)
            {
                return reference;
            }
        }

        return null;
    }

    private IOperation? Body(IMethodSymbol method, SyntaxReference reference)
    {
        if (_bodies.TryGetValue(method, out var cached))
        {
            return cached;
        }

        var operation = _semanticModels(reference.SyntaxTree).GetOperation(reference.GetSyntax(_cancellationToken), _cancellationToken);
        var body = operation is ILocalFunctionOperation localFunction ? (IOperation?)localFunction.Body ?? localFunction.IgnoredBody : operation;
        _bodies[method] = body;
        return body;
    }

    private void Walk(IOperation root, Frame frame)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var operation = stack.Pop();
            if (frame.SkipNestedFunctions && operation != root && operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            if (operation != root && operation is ILocalFunctionOperation local && OnlyCalled(local.Symbol, root))
            {
                // Its body runs at its calls, where it is walked with what each call holds; walked where it is declared,
                // it looked run with nothing held (Open.ChannelExtensions' 'Emit', declared and called only inside
                // 'lock (SyncLock)').
                continue;
            }

            if (frame.Skipped is { } skipped && operation != root && Inside(skipped, operation.Syntax.SpanStart))
            {
                continue; // runs only for a flag value this frame's caller does not pass
            }

            if (frame.InWindow(operation))
            {
                Visit(operation, frame);
            }

            var marshalling = operation is IInvocationOperation invocation && HasDelegateArgument(invocation) && UiThreadCalls.RunsOnUiThread(invocation);
            var startedElsewhere = EntryStarts.Contains(operation.Syntax) && (!frame.Context.MultiInstance || StartsAlone(operation.Syntax));
            foreach (var child in operation.ChildOperations)
            {
                if (marshalling && child is IArgumentOperation { Value.Type.TypeKind: TypeKind.Delegate })
                {
                    continue; // it runs on the UI thread, where the object's own members run, not on this one
                }

                if (startedElsewhere && child is IArgumentOperation { Value.Type.TypeKind: TypeKind.Delegate })
                {
                    // 'Task.Run(() => …)' in code that runs once (a thread's body): the delegate runs on the thread the
                    // start makes, walked as that start's own entry. Walked here too, its code looked run by two
                    // threads (DotNetty's executor thread, whose body starts its loop on the executor's scheduler).
                    // Code that runs on several threads runs its start as often, unless only the winner of a claim
                    // makes it (LockedGates.StartedAlone): then one thread runs it at a time, as its own entry.
                    continue;
                }

                stack.Push(child);
            }
        }
    }

    /// <summary>Whether <paramref name="function"/> is only called in <paramref name="body"/>, never used as a delegate.</summary>
    private static bool OnlyCalled(IMethodSymbol function, IOperation body)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is IMethodReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, function.OriginalDefinition))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="value"/> is what its method returns (<c>return _items;</c>, <c>=> _items</c>).</summary>
    private static bool IsReturned(IOperation value)
    {
        var use = value.Parent;
        while (use is IConversionOperation or IParenthesizedOperation)
        {
            use = use.Parent;
        }

        return use is IReturnOperation { Kind: OperationKind.Return };
    }

    private static bool HasDelegateArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.Type?.TypeKind == TypeKind.Delegate)
            {
                return true;
            }
        }

        return false;
    }

    private void Visit(IOperation operation, Frame frame)
    {
        switch (operation)
        {
            case IAssignmentOperation assignment:
            {
                // 'if (_running) return; _running = true;': a gate made of a check and a store is a read-modify-write.
                var constant = IsTestAndSet(assignment) ? null : StoredConstant(assignment);
                RecordWrite(assignment.Target, operation, frame, constant is not null || StoreFacts.IsIdempotentPublication(assignment), constant);
                break;
            }
            case IIncrementOrDecrementOperation increment:
                RecordWrite(increment.Target, operation, frame, isConstantStore: false);
                break;
            case IInvocationOperation invocation:
                VisitInvocation(invocation, frame);
                break;
            case IPropertyReferenceOperation property:
                if (property.Instance is not null && !IsAssignmentTarget(property) && CollectionSpec(property.Instance) is { } read)
                {
                    Record(read, AccessKind.CollectionRead, new Site(operation), frame);
                }

                FollowAccessors(property, frame);
                break;
            case IFieldReferenceOperation field when frame is { Depth: 0, Context.BesideStartedWork: true } && IsReturned(field) && CollectionSpec(field) is { } handedOut:
                // 'public IReadOnlyList<KilnSample> Samples => _samples;' beside a timer that changes the list: the
                // member hands out the live collection, and its caller reads it whenever it likes, holding nothing
                // (set aj R04). Recorded with no lock, since any lock held here is released before the caller reads;
                // and not kept in a digest, whose replay could start deeper, where a returned collection goes on to
                // its caller in the walk.
                frame.Recorder = null;
                Record(handedOut, AccessKind.CollectionRead, new Site(ImmutableArray<HeldLock>.Empty, field.Syntax.GetLocation()), frame, handedOut: true);
                break;
            case IFieldReferenceOperation field when IsWholeValueCopy(field) && StoreFacts.IsTearable(field.Type!) && SharedObjectSpec(field) is { } copied:
                // Only a struct of several fields is read in pieces; other plain reads lose nothing on their own.
                Record(copied, AccessKind.Read, new Site(operation), frame);
                break;
            case IFieldReferenceOperation field when NullCheckedReads.IsRereadAfterCheck(field) && CollectionSpec(field) is null && SharedObjectSpec(field) is { } reread:
                // '_current.Name' after 'if (_current == null) return': a store of null elsewhere can come in between.
                Record(reread, AccessKind.Read, new Site(operation), frame);
                break;
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                // The constructor runs here. The new object is not published yet: its own fields stay owned (no
                // owner), but the static state it touches is shared.
                FollowCall(constructor, OwnerSpec.None, new Site(creation), frame);
                break;
            case IForEachLoopOperation loop:
                if (CollectionSpec(loop.Collection) is { } enumerated)
                {
                    Record(enumerated, AccessKind.CollectionRead, new Site(loop.Collection), frame);
                }

                break;
        }
    }

    private void VisitInvocation(IInvocationOperation invocation, Frame frame)
    {
        var method = invocation.TargetMethod;
        RecordArrayFill(invocation, frame);
        if (method is { Name: "Resize", ContainingType: { Name: "Array", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
            && invocation.Arguments.Length > 0 && StateSpecOf(invocation.Arguments[0].Value) is { } resized)
        {
            // 'Array.Resize(ref s_points, n)' stores a new array in the field, as 's_points = new T[n]' would.
            Record(resized, AccessKind.Write, new Site(invocation), frame);
        }

        if (invocation.Instance is { } instance && CollectionSpec(instance) is { } key)
        {
            Record(key, ConcurrencyTypes.IsMutator(method) ? AccessKind.CollectionMutation : AccessKind.CollectionRead, new Site(invocation), frame);
        }
        else if (method.IsExtensionMethod && invocation.Arguments.Length > 0 && CollectionSpec(invocation.Arguments[0].Value) is { } extended)
        {
            Record(extended, AccessKind.CollectionRead, new Site(invocation), frame);
        }
        else if (invocation.Instance is { } element && ConcurrencyTypes.IsMutator(method))
        {
            RecordElementMutation(element, invocation, frame);
        }

        FollowMethodGroupArguments(invocation, frame);
        if (method.MethodKind == MethodKind.Constructor)
        {
            // ': this(…)' or ': base(…)' in a followed constructor: still the object under construction, owned.
            FollowCall(method, OwnerSpec.None, new Site(invocation), frame);
            return;
        }

        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            if (!FollowEventHandlers(invocation, frame))
            {
                FollowDelegateTarget(invocation, frame);
            }

            return;
        }

        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction))
        {
            return;
        }

        if (method is { IsAbstract: true, ContainingType.TypeKind: TypeKind.Interface })
        {
            // 'plugin.InitialiseAsync(ct)' on an interface: the call runs one of the compilation's implementations, so
            // each is followed, on the same object (set bh R10, plugins started together that add to one registry).
            foreach (var implementation in ImplementationsOf(method))
            {
                FollowCall(implementation, CalleeOwner(implementation, invocation.Instance), new Site(invocation), frame);
            }

            return;
        }

        FollowCall(method, CalleeOwner(method, invocation.Instance), new Site(invocation), frame);
    }

    /// <summary>At most this many implementations of one interface method are followed from a call.</summary>
    private const int MaxImplementations = 8;

    private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The methods of the compilation's classes and structs that implement <paramref name="method"/>, an interface's,
    /// found by name in the compilation's declarations (nothing is bound); none when there are more than
    /// <see cref="MaxImplementations"/>, where following them all would say little about the one that runs.
    /// </summary>
    private List<IMethodSymbol> ImplementationsOf(IMethodSymbol method)
    {
        if (_implementations.TryGetValue(method, out var known))
        {
            return known;
        }

        var found = new List<IMethodSymbol>();
        foreach (var symbol in _compilation.GetSymbolsWithName(method.Name, SymbolFilter.Member, _cancellationToken))
        {
            if (symbol is IMethodSymbol { IsAbstract: false, IsStatic: false, ContainingType: { TypeKind: TypeKind.Class or TypeKind.Struct } implementer } candidate
                && implementer.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, method.ContainingType.OriginalDefinition))
                && SymbolEqualityComparer.Default.Equals(implementer.FindImplementationForInterfaceMember(method.OriginalDefinition)?.OriginalDefinition, candidate.OriginalDefinition))
            {
                found.Add(candidate);
                if (found.Count > MaxImplementations)
                {
                    found.Clear();
                    break;
                }
            }
        }

        _implementations[method] = found;
        return found;
    }

    /// <summary>
    /// A method of the compilation handed by name to a query operator or a list's own loop (<c>headers.Select(Columns.Find)</c>,
    /// <c>items.ForEach(Apply)</c>): it runs on this thread, as a lambda written there would (set be R14: a static cache
    /// filled by a lookup that parallel file parsers hand to <c>Select</c>).
    /// </summary>
    private void FollowMethodGroupArguments(IInvocationOperation invocation, Frame frame)
    {
        if (!RunsDelegatesHere(invocation.TargetMethod))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value is IDelegateCreationOperation or IConversionOperation
                && OperationTree.Strip(argument.Value) is IMethodReferenceOperation { Method: var target } reference
                && !target.DeclaringSyntaxReferences.IsEmpty && target.MethodKind == MethodKind.Ordinary)
            {
                // The site is the method group, not the operator's call, whose arguments are not the method's.
                FollowCall(target, CalleeOwner(target, reference.Instance), new Site(argument.Value), frame);
            }
        }
    }

    /// <summary>Whether <paramref name="method"/> calls the delegates it is given on the caller's thread: LINQ to objects, and a list's or an array's loops.</summary>
    private static bool RunsDelegatesHere(IMethodSymbol method)
        => method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
           || (method.Name is "ForEach" or "ConvertAll" or "Find" or "FindAll" or "FindIndex" or "FindLast" or "Exists" or "TrueForAll" or "RemoveAll"
               && method.ContainingType is { Name: "List" or "Array", ContainingNamespace.Name: "Generic" or "System" });

    /// <summary>
    /// Raising an event runs every handler subscribed to it, on the raising thread: code that raises an event on
    /// several threads at once runs its handlers on several threads at once, wherever they were subscribed.
    /// </summary>
    /// <returns>Whether <paramref name="raise"/> raises an event (then its handlers were followed, depth permitting).</returns>
    private bool FollowEventHandlers(IInvocationOperation raise, Frame frame)
    {
        if (_events.RaisedEvent(raise) is not { } found)
        {
            return false;
        }

        // A body being recorded notes the raise even past the depth bound: a replay may start shallower.
        if (frame.Depth >= MaxCallDepth && frame.Recorder is null)
        {
            return true;
        }

        var (raised, raisedOn) = found;
        var owner = OwnerOf(raisedOn);
        frame.Recorder?.Raise(raised, owner, raise);
        RunHandlers(raised, owner, new Site(raise), frame);
        return true;
    }

    private void RunHandlers(IEventSymbol raised, OwnerSpec raisedOn, Site site, Frame frame)
    {
        if (frame.Depth >= MaxCallDepth)
        {
            return;
        }

        if (!raised.IsStatic && Resolve(raisedOn, frame) is null)
        {
            // Raised on an object this code owns ('var d = new Downloader(); d.Run();' in each parallel body): each
            // thread raises its own object's event, so nothing says that the handlers run at the same time.
            return;
        }

        var locks = Combine(frame.Inherited, site.LocksIn(_synchronization, frame.DeclaringType));
        foreach (var subscription in _events.Of(raised))
        {
            switch (subscription.Handler)
            {
                case IMethodReferenceOperation { Method: var handler }:
                    if (handler.DeclaringSyntaxReferences.IsEmpty)
                    {
                        break;
                    }

                    var via = new Frame(frame.Context, null, allLocalsShared: false, subscription.Owner, locks, frame.Depth, DisplayName(handler), frame.Visited, handler.ContainingType)
                    {
                        Via = $"'{DisplayName(handler)}' handles '{raised.Name}', raised",
                    };
                    Follow(handler, subscription.Owner, locks, frame.Depth + 1, frame.Context, frame.Visited, caller: via);
                    break;
                case IAnonymousFunctionOperation lambda:
                    if (frame.Visited.Count >= MaxMethodsPerContext || !frame.Visited.Add(new CompositeKey(lambda.Symbol, subscription.Owner, number: locks.Count > 0 ? 1 : 0)))
                    {
                        break;
                    }

                    // The lambda's captured variables are the subscribing method's: one set for every raise.
                    var handlerFrame = new Frame(frame.Context, lambda.Syntax, allLocalsShared: false, subscription.Owner, locks, frame.Depth + 1, subscription.SubscriberName, frame.Visited, subscription.SubscriberType)
                    {
                        Via = $"the handler of '{raised.Name}' subscribed in '{subscription.SubscriberName}' is raised",
                    };
                    Walk(lambda.Body, handlerFrame);
                    break;
            }
        }
    }

    /// <summary>The object whose fields <paramref name="method"/> reaches as <c>this</c>: a local function shares its caller's.</summary>
    private static OwnerSpec CalleeOwner(IMethodSymbol method, IOperation? instance)
        => method.IsStatic ? OwnerSpec.None
            : method.MethodKind == MethodKind.LocalFunction ? OwnerSpec.This
            : OwnerOf(instance);

    /// <summary>
    /// Follows the accessors a property or indexer reference runs, as calls: the getter where it is read, the setter
    /// where it is assigned, both for <c>P++</c> or <c>P += n</c>. Auto-properties have no body; their accesses are
    /// recorded as state instead.
    /// </summary>
    private void FollowAccessors(IPropertyReferenceOperation reference, Frame frame)
    {
        var property = reference.Property;
        if (property.DeclaringSyntaxReferences.IsEmpty || IsAutoProperty(property))
        {
            return;
        }

        var owner = property.IsStatic ? OwnerSpec.None : OwnerOf(reference.Instance);
        var assigned = reference.Parent is IAssignmentOperation assignment && assignment.Target == reference
                       || reference.Parent is IIncrementOrDecrementOperation;
        var compound = assigned && reference.Parent is not ISimpleAssignmentOperation;
        if ((!assigned || compound) && property.GetMethod is { } getter)
        {
            FollowCall(getter, owner, new Site(reference), frame);
        }

        if (assigned && property.SetMethod is { } setter)
        {
            FollowCall(setter, owner, new Site(reference), frame);
        }
    }

    /// <summary>Follows a call made at <paramref name="site"/>, with the locks held there.</summary>
    private void FollowCall(IMethodSymbol method, OwnerSpec owner, Site site, Frame frame)
    {
        if (method.DeclaringSyntaxReferences.IsEmpty)
        {
            return; // only methods with source in this compilation can be followed
        }

        var parameterStates = SharedArguments(site.Operation, frame);
        var foreignIndices = ForeignIndexArguments(site.Operation, frame);
        var elementParameters = ElementArguments(site.Operation, frame);
        var flags = site.Operation is IInvocationOperation invocation
            ? OperationTree.FlagsFor(OperationTree.ConstantFlags(invocation), frame.Method is { } caller ? OperationTree.ForwardedFlags(invocation, caller) : null, frame.Flags)
            : ImmutableArray<(int Ordinal, bool Value)>.Empty;
        if (parameterStates is not null || foreignIndices is not null || elementParameters is not null || !flags.IsEmpty)
        {
            // A digest keeps the call, not what its arguments share or the flags it passes: this body is walked each time.
            frame.Recorder = null;
        }
        else if (frame.Recorder is { } recorder && site.Operation is { } operation)
        {
            recorder.Follow(method, owner, operation);
        }

        var locks = Combine(frame.Inherited, site.LocksIn(_synchronization, frame.DeclaringType));
        Follow(method, Resolve(owner, frame), locks, frame.Depth + 1, frame.Context, frame.Visited, caller: frame, parameterStates: parameterStates, foreignIndices: foreignIndices, flags: flags, elementParameters: elementParameters,
            thisIsAnyElement: ReachesAnyElement(owner, frame));
    }

    private static bool Inside(List<Microsoft.CodeAnalysis.Text.TextSpan> spans, int position)
    {
        foreach (var span in spans)
        {
            if (span.Contains(position))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The callee's parameters that receive a collection (of a type that is not thread-safe) shared in the caller's
    /// frame, with the state each names; null when there is none.
    /// </summary>
    private Dictionary<ISymbol, StateKey>? SharedArguments(IOperation? call, Frame frame)
    {
        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        Dictionary<ISymbol, StateKey>? shared = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && CollectionSpec(argument.Value) is { } spec && Resolve(spec, frame) is { } key)
            {
                (shared ??= new Dictionary<ISymbol, StateKey>(SymbolEqualityComparer.Default))[parameter.OriginalDefinition] = key;
            }
        }

        return shared;
    }

    private void RecordWrite(IOperation target, IOperation write, Frame frame, bool isConstantStore, string? storedConstant = null)
    {
        if (RecordElementUpdate(target, write, frame))
        {
            return;
        }

        if (target is IPropertyReferenceOperation { Instance: { } collection, Property.IsIndexer: true })
        {
            if (CollectionSpec(collection) is { } key)
            {
                Record(key, AccessKind.CollectionMutation, new Site(write), frame);
            }

            return;
        }

        if (StateSpecOf(target) is { } state)
        {
            Record(state, AccessKind.Write, new Site(write), frame, isConstantStore, storedConstant);
            if (state.Kind == StateKind.Instance && Resolve(state, frame) is null)
            {
                RecordOwnElementStore(target, write, frame);
            }
        }
    }

    private void Record(StateSpec state, AccessKind kind, Site site, Frame frame, bool isConstantStore = false, string? storedConstant = null, bool handedOut = false)
    {
        if (frame.Recorder is { } recorder && site.Operation is { } operation)
        {
            recorder.Record(state, kind, operation, isConstantStore, storedConstant);
        }

        if (Resolve(state, frame) is not { } key)
        {
            return;
        }

        var locks = Combine(frame.Inherited, site.LocksIn(_synchronization, frame.DeclaringType));
        var (elementKey, ownElement) = ElementKeys.Of(ref key, frame.Context, ReachesAnyElement(state.Owner, frame), _semanticModels, _cancellationToken);
        var type = key.State switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };
        Accesses.Add(new StateAccess(key, kind, locks, frame.Context, site.Location, frame.MemberName, type, isConstantStore, storedConstant)
        {
            Via = frame.Via,
            HandedOut = handedOut,
            ElementKey = elementKey,
            OwnElement = ownElement,
        });
    }

    /// <summary>The state a write target names, if it can be shared with other threads.</summary>
    private StateSpec? StateSpecOf(IOperation target)
    {
        switch (target)
        {
            case IFieldReferenceOperation fieldReference:
                var field = fieldReference.Field;
                if (field.IsConst || field.IsReadOnly || _types.IsThreadStatic(field))
                {
                    return null;
                }

                return field.IsStatic ? StateSpec.Static(field.OriginalDefinition) : StateSpec.Instance(field.OriginalDefinition, OwnerOf(fieldReference.Instance));
            case IPropertyReferenceOperation propertyReference when IsAutoProperty(propertyReference.Property):
                var property = propertyReference.Property;
                return property.IsStatic ? StateSpec.Static(property.OriginalDefinition) : StateSpec.Instance(property.OriginalDefinition, OwnerOf(propertyReference.Instance));
            case ILocalReferenceOperation localReference:
                return StateSpec.Variable(localReference.Local);
            case IParameterReferenceOperation parameterReference:
                return StateSpec.Variable(parameterReference.Parameter);
            default:
                return null;
        }
    }

    /// <summary>The collection of a type that is not thread-safe that <paramref name="value"/> names, if it can be shared.</summary>
    private StateSpec? CollectionSpec(IOperation value)
    {
        value = ConcurrentEntryFinder.Strip(ConditionalReceiver(value));
        if (!_types.IsUnsafeCollection(value.Type))
        {
            return null;
        }

        // The collection an AsyncLocal holds ('Trail.Value?.Add(…)'): tasks started from a flow (Task.WhenAll's
        // children, Task.Run) inherit the flow's value, the same object, so they share it as they share the field
        // (set ai R16). A flow that sets a value of its own is not told apart.
        if (value is IPropertyReferenceOperation { Property.Name: "Value", Instance: { } holder } flowValue && IsAsyncLocal(flowValue.Property.ContainingType))
        {
            return SharedObjectSpec(ConcurrentEntryFinder.Strip(holder));
        }

        return SharedObjectSpec(value);
    }

    /// <summary>The operand of the conditional access that <paramref name="value"/> is the receiver of (<c>_items</c> in <c>_items?.Add(x)</c>), or the value itself.</summary>
    private static IOperation ConditionalReceiver(IOperation value)
    {
        if (value is not IConditionalAccessInstanceOperation)
        {
            return value;
        }

        var access = value.Parent;
        while (access is not null and not IConditionalAccessOperation)
        {
            access = access.Parent;
        }

        return (access as IConditionalAccessOperation)?.Operation ?? value;
    }

    private static bool IsAsyncLocal(INamedTypeSymbol? type)
        => type is { Name: "AsyncLocal", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>The state <paramref name="value"/> names when it is a field, an auto-property, a local or a parameter.</summary>
    private StateSpec? SharedObjectSpec(IOperation value)
    {
        return value switch
        {
            // A readonly collection field is as shared as a writable one; only the owner matters.
            IFieldReferenceOperation { Field: { IsStatic: false } field } fieldReference => StateSpec.Instance(field.OriginalDefinition, OwnerOf(fieldReference.Instance)),
            IFieldReferenceOperation { Field: { IsStatic: true } staticField } => _types.IsThreadStatic(staticField) ? null : StateSpec.Static(staticField.OriginalDefinition),
            IPropertyReferenceOperation { Property: { IsStatic: true } property } when IsAutoProperty(property) => StateSpec.Static(property.OriginalDefinition),
            IPropertyReferenceOperation { Property: { } instanceProperty } propertyReference when IsAutoProperty(instanceProperty)
                => StateSpec.Instance(instanceProperty.OriginalDefinition, OwnerOf(propertyReference.Instance)),
            ILocalReferenceOperation local => ReadOnlyFieldAlias(local) is { } field ? SharedObjectSpec(field) : StateSpec.Variable(local.Local),
            IParameterReferenceOperation parameter => StateSpec.Variable(parameter.Parameter),
            _ => null,
        };
    }

    /// <summary>
    /// The <c>readonly</c> field a local was declared from and never changed from (<c>var batch = _buffer;</c>): the
    /// local names the same object as the field for as long as both exist, so work given the local shares it with code
    /// that uses the field (<c>_buffer.Clear()</c> after handing <c>batch</c> to a task). A field that is not
    /// <c>readonly</c> may be swapped for a new object after the copy, which is the usual way to hand a buffer off.
    /// </summary>
    private static IFieldReferenceOperation? ReadOnlyFieldAlias(ILocalReferenceOperation local)
    {
        if (local.Local.DeclaringSyntaxReferences.Length != 1
            || local.Local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } })
        {
            return null; // read on syntax first: only 'var x = _field;' can be an alias
        }

        IFieldReferenceOperation? field = null;
        foreach (var operation in OperationTree.Root(local).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: var value } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local):
                    field = ConcurrentEntryFinder.Strip(value) is IFieldReferenceOperation { Field.IsReadOnly: true } aliased ? aliased : null;
                    if (field is null)
                    {
                        return null;
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned } when SymbolEqualityComparer.Default.Equals(assigned.Local, local.Local):
                    return null;
            }
        }

        return field;
    }

    /// <summary>
    /// Which object an instance member is reached through: <c>this</c>, a field, or a local or parameter, shared or
    /// not depending on the frame (<see cref="Resolve(OwnerSpec, Frame)"/>). Objects created or received per call
    /// (lambda parameters, locals of the thread body) are not shared, so their fields are not reported.
    /// </summary>
    private static OwnerSpec OwnerOf(IOperation? instance)
    {
        if (instance is null)
        {
            return OwnerSpec.None;
        }

        instance = ConcurrentEntryFinder.Strip(instance);
        return instance switch
        {
            // The object an initializer ('new Order { Id = i }', 'x with { … }') fills in is not published yet: owned.
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } => OwnerSpec.None,
            IInstanceReferenceOperation => OwnerSpec.This,
            IFieldReferenceOperation { Field.IsStatic: true } field => OwnerSpec.Fixed(field.Field.OriginalDefinition),
            IFieldReferenceOperation field => OwnerOf(field.Instance).Through(field.Field.OriginalDefinition),
            IPropertyReferenceOperation { Property.IsStatic: true } property when IsAutoProperty(property.Property) => OwnerSpec.Fixed(property.Property.OriginalDefinition),
            IPropertyReferenceOperation { Property.Name: "Value", Instance: { } holder } flowValue when IsAsyncLocal(flowValue.Property.ContainingType) => FlowValueOwner(holder),
            ILocalReferenceOperation local => ElementOwner(local) ?? FlowValueAlias(local) ?? OwnerSpec.Variable(local.Local),
            IParameterReferenceOperation parameter => OwnerSpec.Variable(parameter.Parameter),
            _ => OwnerSpec.None,
        };
    }

    /// <summary>
    /// The object an <c>AsyncLocal</c> field holds (<c>s_current.Value.Entries</c>): tasks started from a flow inherit
    /// the flow's value, the same object, so its members are as shared as the field is (set ar R10: the breadcrumb trail
    /// of an operation whose checks run together under <c>Task.WhenAll</c>; see also <see cref="CollectionSpec"/>).
    /// </summary>
    private static OwnerSpec FlowValueOwner(IOperation holder)
        => ConcurrentEntryFinder.Strip(holder) switch
        {
            IFieldReferenceOperation { Field.IsStatic: true } field => OwnerSpec.Fixed(field.Field.OriginalDefinition),
            IFieldReferenceOperation field => OwnerOf(field.Instance).Through(field.Field.OriginalDefinition),
            _ => OwnerSpec.None,
        };

    /// <summary>
    /// For a local declared from an <c>AsyncLocal</c>'s value and never assigned again (<c>var trail = s_current.Value;</c>):
    /// the object the field holds (<see cref="FlowValueOwner"/>), or null.
    /// </summary>
    private static OwnerSpec? FlowValueAlias(ILocalReferenceOperation local)
    {
        if (local.Local.DeclaringSyntaxReferences.Length != 1
            || local.Local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } })
        {
            return null; // read on syntax first: only 'var x = holder.Value;' can be one
        }

        OwnerSpec? owner = null;
        foreach (var operation in OperationTree.Root(local).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: var value } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local):
                    if (ConcurrentEntryFinder.Strip(value) is not IPropertyReferenceOperation { Property.Name: "Value", Instance: { } holder } flowValue
                        || !IsAsyncLocal(flowValue.Property.ContainingType))
                    {
                        return null;
                    }

                    owner = FlowValueOwner(holder);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned } when SymbolEqualityComparer.Default.Equals(assigned.Local, local.Local):
                    return null;
            }
        }

        return owner;
    }

    /// <summary>
    /// A dictionary, looked up by a key (items repeat keys), not a list or an array indexed by position (a parallel
    /// loop's own index reaches its own element).
    /// </summary>
    private static bool IsKeyed(IOperation collection)
        => ConcurrentEntryFinder.Strip(collection).Type is INamedTypeSymbol type
           && (type.GetMembers("TryGetValue").Length > 0 || type.AllInterfaces.Any(i => i.Name is "IDictionary" or "IReadOnlyDictionary"));

    /// <summary>
    /// For a local of a class type that only ever holds a value taken out of a dictionary (<c>_players.TryGetValue(id,
    /// out var player)</c>, <c>var player = _players[id];</c>): the owner of that dictionary. Two iterations with the same
    /// key hold the same object, so its fields are shared exactly when the dictionary is.
    /// </summary>
    private static OwnerSpec? ElementOwner(ILocalReferenceOperation local)
    {
        if (local.Local.Type is not { TypeKind: TypeKind.Class } || local.Local.Type.SpecialType == SpecialType.System_String
            || local.Local.DeclaringSyntaxReferences.Length != 1
            || local.Local.DeclaringSyntaxReferences[0].GetSyntax() switch
            {
                // Read on syntax first, so that most locals cost no walk of their body.
                VariableDeclaratorSyntax { Initializer.Value: var initial } => initial is not ElementAccessExpressionSyntax,
                SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call } } }
                    => ConcurrentEntryFinder.InvokedName(call.Expression) != "TryGetValue",
                _ => true,
            })
        {
            return null;
        }

        OwnerSpec? found = null;
        foreach (var operation in OperationTree.Root(local).Descendants())
        {
            var source = operation switch
            {
                IInvocationOperation { TargetMethod.Name: "TryGetValue", Arguments.Length: 2, Instance: { } map } tryGet
                    when SymbolEqualityComparer.Default.Equals(OperationTree.OutLocal(tryGet.Arguments[1].Value), local.Local) => map,
                IVariableDeclaratorOperation { Initializer.Value: var value } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                    => ConcurrentEntryFinder.Strip(value) is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed } && IsKeyed(indexed) ? indexed : null,
                _ => (IOperation?)null,
            };
            if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned } && SymbolEqualityComparer.Default.Equals(assigned.Local, local.Local))
            {
                return null; // set elsewhere too: not only a dictionary's value
            }

            if (source is not null && ConcurrentEntryFinder.Strip(source) is IFieldReferenceOperation or IPropertyReferenceOperation)
            {
                found = OwnerOf(source).Through(((IMemberReferenceOperation)ConcurrentEntryFinder.Strip(source)).Member.OriginalDefinition);
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="owner"/> is any element of a collection field (see <see cref="ElementKeys"/>).</summary>
    private static bool ReachesAnyElement(OwnerSpec owner, Frame frame) => owner.Kind switch
    {
        OwnerBase.This => frame.ThisIsAnyElement,
        OwnerBase.Variable => frame.ElementParameters is { } elements && elements.ContainsKey(owner.BaseSymbol!.OriginalDefinition),
        _ => false,
    } && owner.Chained is null;

    /// <summary>The shared object <paramref name="owner"/> is in <paramref name="frame"/>, or null when it is not shared.</summary>
    private static ISymbol? Resolve(OwnerSpec owner, Frame frame)
    {
        var resolved = owner.Kind switch
        {
            OwnerBase.This => frame.ThisOwner,
            OwnerBase.Fixed => owner.BaseSymbol,
            OwnerBase.Variable => frame.ElementParameters is { } elements && elements.TryGetValue(owner.BaseSymbol!.OriginalDefinition, out var collection) ? collection
                : IsShared(owner.BaseSymbol!, frame) ? owner.BaseSymbol : null,
            _ => null,
        };
        return resolved is not null && owner.Chained is { } chained ? chained : resolved;
    }

    private static StateKey? Resolve(StateSpec state, Frame frame) => state.Kind switch
    {
        StateKind.Static => new StateKey(state.State, null),
        StateKind.Instance => Resolve(state.Owner, frame) is { } owner ? new StateKey(state.State, owner) : null,
        _ => frame.ParameterStates is { } aliases && aliases.TryGetValue(state.State, out var aliased) ? aliased
            : IsShared(state.State, frame) ? new StateKey(state.State, null) : null,
    };

    /// <summary>A local or parameter is shared when declared outside the thread body that uses it (a captured variable).</summary>
    private static bool IsShared(ISymbol variable, Frame frame)
    {
        if (frame.SharedParameters is { } sharedParameters && sharedParameters.Contains(variable.OriginalDefinition))
        {
            return true;
        }

        if (frame.LocalFunctionDeclaration is { } declaration)
        {
            foreach (var location in variable.Locations)
            {
                if (location.SourceTree == declaration.SyntaxTree && declaration.Span.Contains(location.SourceSpan))
                {
                    return false; // the local function's own parameters and locals: one set per call
                }
            }

            return frame.EnclosingFrame is { } caller && IsShared(variable, caller);
        }

        if (frame.AllLocalsShared)
        {
            return true;
        }

        if (frame.CaptureBoundary is not { } boundary)
        {
            return false;
        }

        foreach (var location in variable.Locations)
        {
            if (location.SourceTree == boundary.SyntaxTree && !boundary.Span.Contains(location.SourceSpan))
            {
                return !IsParameterOfStartOnlyLambda(variable, boundary);
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="variable"/> is the parameter of a lambda that does nothing but start the work
    /// (<c>sections.Select(s => Task.Run(() => Render(s.Pages)))</c>): each call of that lambda has its own parameter
    /// and starts one task with it, and no code of the lambda runs beside the task, so the tasks do not share it.
    /// </summary>
    private static bool IsParameterOfStartOnlyLambda(ISymbol variable, SyntaxNode boundary)
    {
        if (variable is not IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } }
            || variable.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var lambda = variable.DeclaringSyntaxReferences[0].GetSyntax().FirstAncestorOrSelf<LambdaExpressionSyntax>();
        return lambda is { ExpressionBody: InvocationExpressionSyntax start }
               && start.ArgumentList.Arguments.Any(argument => argument.Expression == boundary);
    }

    internal static bool IsAutoProperty(IPropertySymbol property)
    {
        if (property.IsIndexer || property.IsAbstract || property.IsExtern || property.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        if (property.DeclaringSyntaxReferences[0].GetSyntax() is not PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null })
        {
            return false;
        }

        foreach (var accessor in accessors.Accessors)
        {
            if (accessor.Body is not null || accessor.ExpressionBody is not null)
            {
                return false;
            }
        }

        return property.ContainingType.TypeKind != TypeKind.Interface;
    }

    /// <summary>
    /// A read of a struct field's whole value (<c>return _latest;</c>, <c>var s = _latest;</c>): not a store into it, not
    /// one of its fields (<c>_latest.Status</c> reads one word), not a <c>ref</c> to it.
    /// </summary>
    internal static bool IsWholeValueCopy(IOperation reference)
        => reference.Type is { IsValueType: true }
           && !IsAssignmentTarget(reference)
           && reference.Parent is not (IMemberReferenceOperation or IInvocationOperation { Instance: not null })
           && reference.Parent is not IArgumentOperation { Parameter.RefKind: not RefKind.None };

    private static bool IsAssignmentTarget(IOperation operation)
        => operation.Parent is IAssignmentOperation assignment && assignment.Target == operation
           || operation.Parent is IIncrementOrDecrementOperation;

    /// <summary>
    /// A store of a constant into a field right after a check of the same field that leaves when it is set: <c>if
    /// (_isDispatching) return; _isDispatching = true;</c>, or the first statement of <c>if (!_busy) { _busy = true; …
    /// }</c>. Two threads can both pass the check, so the store does not lose nothing as other constant stores do.
    /// </summary>
    private static bool IsTestAndSet(IAssignmentOperation assignment)
    {
        if (assignment is not ISimpleAssignmentOperation { Value.ConstantValue.HasValue: true, Target: IFieldReferenceOperation { Field: var field } }
            || assignment.Parent is not IExpressionStatementOperation statement)
        {
            return false;
        }

        bool Checks(IOperation condition) => condition.DescendantsAndSelf().Any(o => o is IFieldReferenceOperation { Field: var read } && SymbolEqualityComparer.Default.Equals(read, field));

        if (statement.Parent is IBlockOperation { Parent: IConditionalOperation { Condition: { } around } } block && block.Operations.IndexOf(statement) == 0)
        {
            return Checks(around);
        }

        if (statement.Parent is IBlockOperation siblings)
        {
            var index = siblings.Operations.IndexOf(statement);
            return index > 0 && siblings.Operations[index - 1] is IConditionalOperation { WhenFalse: null, Condition: { } check, WhenTrue: var exit }
                   && Forklift.Analyzers.Locks.OperationTree.AlwaysExits(exit) && Checks(check);
        }

        return false;
    }

    /// <summary>The constant a simple assignment stores, with its type (see <see cref="StateAccess.StoredConstant"/>), or null.</summary>
    private static string? StoredConstant(IAssignmentOperation assignment)
    {
        if (assignment is not ISimpleAssignmentOperation simple)
        {
            return null;
        }

        var value = simple.Value;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IDefaultValueOperation ? "default"
            : value.ConstantValue.HasValue ? $"{value.Type?.ToDisplayString() ?? "null"} {value.ConstantValue.Value ?? "null"}"
            : MethodSummaryBuilder.OwnMethodDelegate(value) is { } method ? $"method {method.ToDisplayString()}"
            : null;
    }

    private static IReadOnlyList<HeldLock> Combine(IReadOnlyList<HeldLock> inherited, List<HeldLock> local)
    {
        if (inherited.Count == 0)
        {
            return local;
        }

        var all = new List<HeldLock>(inherited);
        all.AddRange(local);
        return all;
    }

    private ISymbol? ContainingMember(IOperation operation)
    {
        var symbol = _semanticModels(operation.Syntax.SyntaxTree).GetEnclosingSymbol(operation.Syntax.SpanStart, _cancellationToken);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }

    private static string DisplayName(ISymbol? symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor => constructor.ContainingType.Name,
        IMethodSymbol { AssociatedSymbol: { } associated } => associated.Name,
        null => "?",
        _ => symbol.Name,
    };

    private sealed class Frame
    {
        public Frame(ConcurrentContext context, SyntaxNode? captureBoundary, bool allLocalsShared, ISymbol? thisOwner, IReadOnlyList<HeldLock> inherited, int depth, string memberName, HashSet<CompositeKey> visited, INamedTypeSymbol? declaringType)
        {
            DeclaringType = declaringType;
            Context = context;
            CaptureBoundary = captureBoundary;
            AllLocalsShared = allLocalsShared;
            ThisOwner = thisOwner;
            Inherited = inherited;
            Depth = depth;
            MemberName = memberName;
            Visited = visited;
        }

        public ConcurrentContext Context { get; }

        /// <summary>The type whose code this frame walks; the locks it takes are acquired there.</summary>
        public INamedTypeSymbol? DeclaringType { get; }

        /// <summary>The thread body lambda: variables declared outside it are captured and shared.</summary>
        public SyntaxNode? CaptureBoundary { get; }

        /// <summary>In the starter's own code, every local may be shared with the lambdas it started.</summary>
        public bool AllLocalsShared { get; }

        public ISymbol? ThisOwner { get; }

        /// <summary>Locks held by callers: a call made under a lock makes the callee's accesses synchronized.</summary>
        public IReadOnlyList<HeldLock> Inherited { get; }

        public int Depth { get; }
        public string MemberName { get; }
        public HashSet<CompositeKey> Visited { get; }
        public int WindowStart { get; set; } = int.MinValue;
        public int WindowEnd { get; set; } = int.MaxValue;
        public Microsoft.CodeAnalysis.Text.TextSpan? Excluded { get; set; }
        public bool SkipNestedFunctions { get; set; }

        /// <summary>The method whose body this frame walks (null for a lambda's or a thread body's own frame).</summary>
        public IMethodSymbol? Method { get; set; }

        /// <summary>The <c>bool</c> constants the caller passed (see <see cref="Follow"/>).</summary>
        public ImmutableArray<(int Ordinal, bool Value)> Flags { get; set; } = ImmutableArray<(int Ordinal, bool Value)>.Empty;

        /// <summary>The body's code that runs only for flag values the caller does not pass: not walked.</summary>
        public List<Microsoft.CodeAnalysis.Text.TextSpan>? Skipped { get; set; }

        /// <summary>
        /// For code run as an event's handler: how it comes to run ("'OnChunk' handles 'ChunkCompleted', raised"),
        /// carried into its callees and completed by the message with where the raising code was started.
        /// </summary>
        public string? Via { get; set; }

        /// <summary>For a local function, the frame that called it (its captured variables are that frame's).</summary>
        public Frame? EnclosingFrame { get; set; }

        /// <summary>For a local function, its declaration: what is declared inside belongs to each call.</summary>
        public SyntaxNode? LocalFunctionDeclaration { get; set; }

        /// <summary>For a followed body walked in a compilation that shares trees: keeps its steps for later ones.</summary>
        public BodyDigest.Recorder? Recorder { get; set; }

        /// <summary>
        /// Parameters that name shared state of the caller: a collection the caller shares, passed as an argument
        /// (<c>Parallel.ForEach(files, f =&gt; Process(f, results))</c>), is the same collection in the callee.
        /// </summary>
        public Dictionary<ISymbol, StateKey>? ParameterStates { get; set; }

        /// <summary>Parameters of a repeated entry's method that every copy is given the same object for (<see cref="SharedObjectArguments"/>).</summary>
        public HashSet<ISymbol>? SharedParameters { get; set; }

        /// <summary>
        /// Parameters given an element of a collection field by a loop over it (<c>foreach (var lane in _lanes)
        /// thief.TryStealFrom(lane)</c>), with that field: the object is any element of the collection, and its state
        /// is keyed by the field (<see cref="ElementKeys"/>).
        /// </summary>
        public Dictionary<ISymbol, ISymbol>? ElementParameters { get; set; }

        /// <summary>Whether <see cref="ThisOwner"/> is any element of a collection field, reached through <see cref="ElementParameters"/>.</summary>
        public bool ThisIsAnyElement { get; set; }

        /// <summary>
        /// Integer parameters given an index that is not the calling iteration's own (<c>ApplyDamage(target, …)</c> with
        /// a <c>target</c> found among all units, from a <c>Parallel.For</c> body): an element they index is shared.
        /// </summary>
        public HashSet<ISymbol>? ForeignIndices { get; set; }

        /// <summary>
        /// For the method handed by name to a parallel loop (<c>ForAll(AddToHistogram)</c>): that method, and which of its
        /// parameters is the iteration's index (see <c>IsParallelLoopBody</c>); otherwise null and -1.
        /// </summary>
        public IMethodSymbol? LoopBodyMethod { get; set; }

        public int LoopIterationOrdinal { get; set; } = -1;

        public bool InWindow(IOperation operation)
        {
            if (WindowStart == int.MinValue && WindowEnd == int.MaxValue && Excluded is null)
            {
                return true; // most frames: no window, and a node's start costs a walk to its first token
            }

            var position = operation.Syntax.SpanStart;
            return position > WindowStart && position < WindowEnd && !(Excluded is { } excluded && excluded.Contains(position));
        }
    }

    /// <summary>
    /// Where a step happens: an operation of a body walked now, or a step replayed from a <see cref="BodyDigest"/>,
    /// which keeps the locks held there and its location.
    /// </summary>
    private readonly struct Site
    {
        private readonly ImmutableArray<HeldLock> _locks;
        private readonly Location? _location;

        public Site(IOperation operation)
        {
            Operation = operation;
            _locks = default;
            _location = null;
        }

        public Site(ImmutableArray<HeldLock> locks, Location location)
        {
            Operation = null;
            _locks = locks;
            _location = location;
        }

        public IOperation? Operation { get; }

        public Location Location => _location ?? Operation!.Syntax.GetLocation();

        public List<HeldLock> LocksIn(SynchronizationFacts synchronization, INamedTypeSymbol? type)
        {
            if (Operation is not null)
            {
                return synchronization.LocksAt(Operation, type);
            }

            var held = new List<HeldLock>(_locks.Length);
            foreach (var heldLock in _locks)
            {
                held.Add(heldLock.In(type));
            }

            return held;
        }
    }

    /// <summary>A local function by its declaration, the same in every compilation that shares its tree.</summary>
    private readonly struct LocalFunctionKey : IEquatable<LocalFunctionKey>
    {
        private readonly SyntaxTree _tree;
        private readonly int _position;

        public LocalFunctionKey(SyntaxTree tree, int position)
        {
            _tree = tree;
            _position = position;
        }

        public bool Equals(LocalFunctionKey other) => _tree == other._tree && _position == other._position;

        public override bool Equals(object? obj) => obj is LocalFunctionKey other && Equals(other);

        public override int GetHashCode() => (_tree.GetHashCode() * 397) ^ _position;
    }
}
