using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>A race found by the model, reported by the analyzer that owns <see cref="Id"/>.</summary>
internal sealed class RaceFinding
{
    public RaceFinding(string id, Location location, Location start, ImmutableDictionary<string, string?> properties, object[] arguments)
    {
        Id = id;
        Location = location;
        Start = start;
        Properties = properties;
        Arguments = arguments;
    }

    public string Id { get; }
    public Location Location { get; }

    /// <summary>Where the concurrency comes from (a thread start, a callback, the type); the additional location.</summary>
    public Location Start { get; }

    public ImmutableDictionary<string, string?> Properties { get; }
    public object[] Arguments { get; }
}

/// <summary>The findings of one analysed document, at most one per rule and location (the first model to find it wins).</summary>
internal sealed class RaceFindings
{
    private readonly List<RaceFinding> _findings = new();
    private readonly HashSet<CompositeKey> _reported = new();

    public IReadOnlyList<RaceFinding> All => _findings;

    public void Add(string id, Location location, Location start, ISymbol state, string? lockName, object[] arguments, bool handedOver = false, bool heldObject = false)
    {
        if ((id == DiagnosticIds.InconsistentSynchronization && WriteOnlyFields.Is(state)) || !_reported.Add(new CompositeKey(id, location)))
        {
            return; // a lock guards nothing of a field that nothing reads (WriteOnlyFields)
        }

        var kind = state switch
        {
            IFieldSymbol => SymbolKind.Field,
            IPropertySymbol => SymbolKind.Property,
            _ => state.Kind,
        };
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(ConcurrencyModel.StateNameProperty, state.Name)
            .Add(ConcurrencyModel.StateKindProperty, kind.ToString());
        if (lockName is not null)
        {
            properties = properties.Add(ConcurrencyModel.LockNameProperty, lockName);
        }

        if (handedOver)
        {
            properties = properties.Add(ConcurrencyModel.HandedOverProperty, "true");
        }

        if (heldObject)
        {
            properties = properties.Add(ConcurrencyModel.HeldObjectProperty, "true");
        }

        _findings.Add(new RaceFinding(id, location, start, properties, arguments));
    }

    /// <summary>How many findings there are so far; <see cref="DropFrom"/> takes back the ones added after.</summary>
    public int Count => _findings.Count;

    /// <summary>Takes back the findings added since there were <paramref name="count"/>, as if never reported.</summary>
    public void DropFrom(int count)
    {
        for (var i = count; i < _findings.Count; i++)
        {
            _reported.Remove(new CompositeKey(_findings[i].Id, _findings[i].Location));
        }

        _findings.RemoveRange(count, _findings.Count - count);
    }

    /// <summary>
    /// Drops an FL1001 or FL1002 finding where FL1003 reports the same access: one race, found by two models (a
    /// thread start's walk, and the type's own concurrency), is told once, by the message that names the guard.
    /// </summary>
    public void KeepOnePerAccess()
    {
        var inconsistent = new HashSet<Location>();
        foreach (var finding in _findings)
        {
            if (finding.Id == DiagnosticIds.InconsistentSynchronization)
            {
                inconsistent.Add(finding.Location);
            }
        }

        if (inconsistent.Count > 0)
        {
            _findings.RemoveAll(f => f.Id is DiagnosticIds.SharedStateMutation or DiagnosticIds.CollectionMutatedConcurrently && inconsistent.Contains(f.Location));
        }
    }

    /// <summary>Adds, in their order, the findings of <paramref name="other"/> located in <paramref name="tree"/>.</summary>
    public void AddFrom(RaceFindings other, SyntaxTree tree)
    {
        foreach (var finding in other._findings)
        {
            if (finding.Location.SourceTree == tree && _reported.Add(new CompositeKey(finding.Id, finding.Location)))
            {
                _findings.Add(finding);
            }
        }
    }
}

/// <summary>
/// The concurrency facts of one document: which of its code runs on several threads, what shared state that code
/// touches, and which of those accesses race. Computed once per document and compilation, on first use, and shared by
/// FL1001–FL1003.
/// </summary>
/// <remarks>
/// <para>Two sources of concurrency are analysed. Code this document starts (a <c>Thread</c>, <c>Task.Run</c>,
/// <c>Parallel.*</c>, a timer…) is walked from its start, following calls into other files (<see cref="SharedStateWalker"/>).
/// Types declared here that synchronize their own state or are marked <c>[ThreadSafe]</c> are judged from their
/// members' summaries (<see cref="TypeConcurrency"/>): their callers are the source of concurrency.</para>
/// <para>Everything starts from the document being analysed, never from a walk of the whole compilation: an IDE
/// asks for one document's diagnostics with a fresh <c>Compilation</c> on every edit, so compilation-wide facts
/// would be rebuilt each time. The price is that a race between two thread starts in different files is not seen.</para>
/// </remarks>
internal sealed class ConcurrencyModel
{
    public const string StateNameProperty = "StateName";
    public const string StateKindProperty = "StateKind";
    public const string LockNameProperty = "LockName";

    /// <summary>
    /// Set where no lock fixes the finding: a change of an object after it was handed to another thread
    /// (<see cref="HandOffChanges"/>), a cancellation source replaced while started work reads it (<see cref="ReplacedWhileRunning"/>).
    /// </summary>
    public const string HandedOverProperty = "HandedOver";

    /// <summary>
    /// Set on a store into a member of an object the type keeps in a field for its own use (a scratch object): a lock
    /// around that one store would leave the object's other stores and its reads outside it, so no fix is offered.
    /// </summary>
    public const string HeldObjectProperty = "HeldObject";

    private static readonly ConditionalWeakTable<Compilation, Dictionary<SyntaxTree, Lazy<ConcurrencyModel>>> Models = new();

    private static readonly string[] PartialWord = ["partial"];

    /// <summary>The semantic models the documents' models read other trees with, shared per compilation (see <see cref="Build"/>).</summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxTree, SemanticModel>> SharedModels = new();

    private readonly RaceFindings _findings = new();

    private ConcurrencyModel()
    {
    }

    public IReadOnlyList<RaceFinding> Findings => _findings.All;

    public static ConcurrencyModel For(SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var perTree = Models.GetValue(semanticModel.Compilation, _ => new Dictionary<SyntaxTree, Lazy<ConcurrencyModel>>());
        while (true)
        {
            // Built with the token of whichever action asks first. If that action is cancelled while others wait on
            // the same entry, they drop the entry and build again with their own token.
            Lazy<ConcurrencyModel> lazy;
            lock (perTree)
            {
                if (!perTree.TryGetValue(semanticModel.SyntaxTree, out lazy!))
                {
                    perTree[semanticModel.SyntaxTree] = lazy = new Lazy<ConcurrencyModel>(() => Build(semanticModel, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
                }
            }

            try
            {
                return lazy.Value;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lock (perTree)
                {
                    perTree.Remove(semanticModel.SyntaxTree);
                }
            }
        }
    }

    /// <summary>
    /// Whether the document that <paramref name="finding"/> is located in finds the same race by its own analysis: the
    /// same rule at the place, or FL1003 there (which gives a lost update its guard, as
    /// <see cref="RaceFindings.KeepOnePerAccess"/> keeps it). A thread start's walk into another file and that file's
    /// own model then report it once, from that file (FreeRedis' <c>ObjectPool</c>, reached from a start in another
    /// file and from its own). A build analyses every document, so the other document's model costs nothing more there.
    /// </summary>
    public static bool FoundInItsOwnDocument(RaceFinding finding, Compilation compilation, CancellationToken cancellationToken)
    {
        if (finding.Location.SourceTree is not { } tree)
        {
            return false;
        }

        var semanticModels = SharedModels.GetValue(compilation, static _ => new ConcurrentDictionary<SyntaxTree, SemanticModel>());
#pragma warning disable RS1030 // The other document's model is the one its own analysis builds; the driver caches it.
        var semanticModel = semanticModels.TryGetValue(tree, out var found) ? found : semanticModels.GetOrAdd(tree, compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
        foreach (var own in For(semanticModel, cancellationToken).Findings)
        {
            if (own.Location.Equals(finding.Location) && (own.Id == finding.Id || own.Id == DiagnosticIds.InconsistentSynchronization))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The checks of one file that need no thread start in it, each with the text pre-check that rules a file out before
    /// anything is bound; run in this order (the first to report a place keeps it).
    /// </summary>
    private static readonly (Func<SourceText, bool> MayContain, Action<SemanticModel, RaceFindings, CancellationToken> Find)[] FileChecks =
    [
        // An object changed after it was handed to a reader on another thread.
        (HandOffChanges.MayContain, HandOffChanges.Find),

        // A field stored after completing a task that another member awaits before reading it.
        (StoresAfterCompletion.MayContain, StoresAfterCompletion.Find),

        // A one-object cache in a plain static field, taken without Interlocked: every thread shares a static.
        (StaticCacheTakes.MayContain, static (model, findings, token) => StaticCacheTakes.Find(model, findings, ConcurrencyTypes.For(model.Compilation), token)),

        // A [ThreadStatic] object kept across an await: the thread's next work takes the same object meanwhile.
        (ThreadStaticAcrossAwait.MayContain, static (model, findings, token) => ThreadStaticAcrossAwait.Find(model, findings, ConcurrencyTypes.For(model.Compilation), token)),

        // A pooled object returned to its pool while work the method started still uses it.
        (ReturnedWhileInUse.MayContain, ReturnedWhileInUse.Find),

        // A field stored after a compare-and-swap loop of another: a pair updated in two steps.
        (SwappedThenStored.MayContain, SwappedThenStored.Find),

        // A cancellation source disposed and replaced while work the type started reads it in its loop.
        (ReplacedWhileRunning.MayContain, ReplacedWhileRunning.Find),

        // A cancellation source swapped and the old one disposed through a local, while members callers run at once
        // read the field's token.
        (SwappedAndDisposed.MayContain, SwappedAndDisposed.Find),

        // A field a timer callback checks for null and reads again, set to null without waiting for the callback.
        (NulledUnderTimerCallback.MayContain, NulledUnderTimerCallback.Find),

        // A field an async method stores after its await, where a timer callback starts that method without waiting
        // for it, used by a member after it waited for the timer's callbacks.
        (OutlivesTimerWait.MayContain, OutlivesTimerWait.Find),

        // An object changed after a timeout beat the call it was given to in Task.WhenAny, while that call still runs.
        (AbandonedOnTimeout.MayContain, AbandonedOnTimeout.Find),

        // A field of another object updated with Interlocked by one member and taken in two plain steps by another.
        (TakenBesideInterlocked.MayContain, TakenBesideInterlocked.Find),

        // A static field filled on first use and returned by a second read, which another member sets back to null.
        (ResetLazyStatic.MayContain, ResetLazyStatic.Find),
    ];

    private static ConcurrencyModel Build(SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var model = new ConcurrencyModel();
        var compilation = semanticModel.Compilation;
        var tree = semanticModel.SyntaxTree;

        // Text pre-checks first: most documents neither start threads nor synchronize, and then nothing is bound or
        // even looked up.
        var text = tree.GetText(cancellationToken);
        var startsWork = ConcurrentEntryFinder.MayContainCandidates(text);

        // A part of a partial type may synchronize in another file; its accesses here are judged with the whole type.
        var synchronizes = SourceWords.Any(text, TypeConcurrency.SynchronizationWords) || SourceWords.Any(text, PartialWord);

        // A type may also declare its concurrency by its documentation or base type (DeclaredConcurrency); in a file
        // that neither synchronizes nor is partial, only a type whose declaration can say so is looked at.
        // A type registered as a singleton service declares it wherever it is registered: its own file is read whole.
        var declaresSingleton = !synchronizes && (SingletonRegistrations.For(compilation, cancellationToken).DeclaresOneIn(tree)
                                                  || StaticStateCallers.For(compilation).DeclaresOneIn(semanticModel, cancellationToken));
        var mayDeclare = !synchronizes && !declaresSingleton && SourceWords.Any(text, DeclaredConcurrency.Words, DeclaredConcurrency.IsDeclaringWord);

        // A hosted service's loop runs beside its members without any synchronization word (TypeConcurrency.RunsAlone);
        // the file names the hosting base class, or a class of the compilation that derives from it.
        var hosted = !synchronizes && !mayDeclare && !declaresSingleton && SourceWords.Any(text, HostedServiceBases.Words(compilation, cancellationToken));
        synchronizes |= mayDeclare || declaresSingleton || hosted;

        // A call of a method of the compilation that runs a delegate parameter on several threads (ParallelHelpers).
        var helpers = ParallelHelpers.Names(compilation, cancellationToken);
        var callsHelpers = helpers.Length > 0 && SourceWords.Any(text, helpers);

        // The checks that need no thread start in this file, each behind its text pre-check (FileChecks).
        foreach (var (mayContain, find) in FileChecks)
        {
            if (mayContain(text))
            {
                find(semanticModel, model._findings, cancellationToken);
            }
        }

        if (!startsWork && !synchronizes && !callsHelpers)
        {
            // A global alias or 'using static' of a synchronization type, declared in another file, is in no word here.
            if (!SynchronizationImports.Global(compilation, cancellationToken))
            {
                return model;
            }

            synchronizes = true;
        }

        var types = ConcurrencyTypes.For(compilation);
        if (types.Thread is null && types.Task is null)
        {
            return model;
        }

        // One semantic model per tree for all of the compilation's documents: a body that the walks of several files
        // reach, or that a walk and a type's summaries both read, is bound once (NLog: 242 binds of 140 bodies in a
        // build; the walks now take 0.64 of their time). The document's own tree uses the model the driver gave, which
        // its other rules read too. The price is memory: the bodies bound through these models stay bound until the
        // compilation goes (in a build, the end of the compile).
        var semanticModels = SharedModels.GetValue(compilation, static _ => new ConcurrentDictionary<SyntaxTree, SemanticModel>());
        semanticModels[tree] = semanticModel;
        SemanticModel SemanticModelOf(SyntaxTree other)
        {
            if (semanticModels.TryGetValue(other, out var found))
            {
                return found;
            }

#pragma warning disable RS1030 // Calls cross files; the driver's semantic-model cache serves these.
            return semanticModels.GetOrAdd(other, compilation.GetSemanticModel(other));
#pragma warning restore RS1030
        }

        // The members of an object a type hands out, written under its private lock while another type reads them.
        if (HandedOutObjectWrites.MayContain(text))
        {
            HandedOutObjectWrites.Find(semanticModel, model._findings, SemanticModelOf, cancellationToken);
        }

        // An event checked for null and raised by a second read, while code elsewhere removes its handlers.
        if (synchronizes && EventRaisedAfterCheck.MayContain(text))
        {
            EventRaisedAfterCheck.Find(semanticModel, model._findings, SemanticModelOf, cancellationToken);
        }

        // A field of another object of the type changed under this object's own lock.
        if (synchronizes && OtherInstanceUnderOwnLock.MayContain(text))
        {
            OtherInstanceUnderOwnLock.Find(semanticModel, model._findings, cancellationToken);
        }

        // A member of the objects a type keeps, written under the object's own lock in one member and the type's in another.
        if (synchronizes && ElementUnderTwoLocks.MayContain(text))
        {
            ElementUnderTwoLocks.Find(semanticModel, model._findings, cancellationToken);
        }

        // A hosted service's loop changing a collection that another shared object holds and other types read.
        if (HostedLoopForeignCollections.MayContain(text))
        {
            HostedLoopForeignCollections.Find(semanticModel, model._findings, types, SemanticModelOf, cancellationToken);
        }

        if (startsWork || callsHelpers)
        {
            model.FindStartedRaces(semanticModel, types, SemanticModelOf, startsWork, callsHelpers ? helpers : null, cancellationToken);
        }

        if (synchronizes)
        {
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is TypeDeclarationSyntax declaration && (!mayDeclare || DeclaredConcurrency.MayDeclare(declaration))
                    && semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol type)
                {
                    TypeConcurrency.Analyze(type, compilation, types, SemanticModelOf, tree, model._findings, cancellationToken);
                }
            }
        }

        model._findings.KeepOnePerAccess();
        return model;
    }

    /// <summary>Races of the code this document starts on other threads.</summary>
    private void FindStartedRaces(SemanticModel semanticModel, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, bool startsWork, string[]? helpers, CancellationToken cancellationToken)
    {
        var finder = new ConcurrentEntryFinder(types);
        var entries = new List<ConcurrentEntry>();
        var tree = semanticModel.SyntaxTree;
        if (helpers is not null)
        {
            ParallelHelpers.CollectCalls(semanticModel, helpers, types, semanticModels, entries, cancellationToken);
        }

        var candidates = startsWork ? ConcurrentEntryFinder.Candidates(tree.GetRoot(cancellationToken), tree.GetText(cancellationToken)) : [];
        var receivers = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var node in candidates)
        {
            if (!ConcurrentEntryFinder.MayStart(node, semanticModel, receivers))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetOperation(node, cancellationToken) is { } operation)
            {
                finder.Collect(operation, entries);
            }
        }

        if (entries.Count == 0)
        {
            return;
        }

        DropRestarts(entries, semanticModel, cancellationToken);
        var walker = new SharedStateWalker(semanticModel.Compilation, types, semanticModels, cancellationToken);
        foreach (var entry in entries)
        {
            walker.EntryStarts.Add(entry.StartOperation.Syntax);
        }

        foreach (var entry in entries)
        {
            CapturedLoopVariable.Find(entry, semanticModel, _findings, cancellationToken);
            var start = entry.StartOperation.Syntax.GetLocation();
            var context = new ConcurrentContext(start, entry.MultiInstance, entry.StarterRoot.Syntax, entry.IntervalStart, entry.IntervalEnd, partner: null)
            {
                RunBy = entry.RunBy, RepeatedBy = entry.RepeatedBy, StartedMethod = OwnStartedMethod(entry),
            };
            var before = walker.Accesses.Count;
            walker.WalkEntry(entry, context);
            if (entry.CallerJoin is { } join)
            {
                // The code before the first await of each call runs on this thread, the calls one after another.
                walker.WalkEntryBeforeFirstAwait(entry, new ConcurrentContext(start, multiInstance: false, entry.StarterRoot.Syntax, entry.IntervalStart, entry.IntervalEnd, partner: null, join));
            }

            if (entry.StartedPerCall && !entry.MultiInstance
                && semanticModel.GetEnclosingSymbol(entry.StartOperation.Syntax.SpanStart, cancellationToken) is IMethodSymbol { MethodKind: MethodKind.Ordinary } startingMethod
                && RepeatedCallFinder.IsCalledRepeatedly(startingMethod, semanticModel, entries, cancellationToken))
            {
                // The work of one call runs alongside the work of the caller's other calls, on the state they share.
                walker.WalkEntryPerCall(entry, new ConcurrentContext(start, multiInstance: true, entry.StarterRoot.Syntax, entry.IntervalStart, entry.IntervalEnd, partner: null));
            }

            if (walker.Accesses.Count > before && entry.IntervalEnd > entry.StartOperation.Syntax.Span.End)
            {
                // The starter keeps running until it joins: its own accesses in between race with the started code.
                var starter = new ConcurrentContext(start, multiInstance: false, entry.StarterRoot.Syntax, entry.IntervalStart, entry.IntervalEnd, partner: context);
                walker.WalkStarter(entry, starter);
            }

            if ((entry.IntervalEnd == int.MaxValue || entry.StartsAtFirstAwait) && walker.Accesses.Count > before)
            {
                WalkOwnMembersBeside(entry, context, walker, before, semanticModel, cancellationToken);
            }
        }

        FindRaces(walker.Accesses, cancellationToken);
    }

    /// <summary>
    /// The method of the starting object that <paramref name="entry"/> runs, when it runs one on <c>this</c>
    /// (<c>_ = RunCall(…)</c>, <c>Task.Run(PumpAsync)</c>, <c>Task.Run(() => PumpAsync(ct))</c>); null for a lambda with
    /// more in it, or another object's method.
    /// </summary>
    private static IMethodSymbol? OwnStartedMethod(ConcurrentEntry entry)
    {
        var body = entry.Body;
        if (body is IAnonymousFunctionOperation lambda
            && lambda.Body.Operations.Where(static o => !(o.IsImplicit && o is IReturnOperation { ReturnedValue: null })).ToList() is { Count: 1 } only)
        {
            body = only[0] switch
            {
                IExpressionStatementOperation statement => statement.Operation,
                IReturnOperation { ReturnedValue: { } value } => value,
                _ => only[0],
            };
        }

        return ConcurrentEntryFinder.Strip(body) switch
        {
            IInvocationOperation { Instance: null or IInstanceReferenceOperation, TargetMethod: { IsStatic: false } target } => target.OriginalDefinition,
            IMethodReferenceOperation { Instance: null or IInstanceReferenceOperation, Method: { IsStatic: false } method } => method.OriginalDefinition,
            _ => null,
        };
    }

    /// <summary>
    /// Drops a start of a method from its own body (<c>_loop = Task.Run(ReconnectLoop);</c> at the end of
    /// <c>ReconnectLoop</c>, or in the <c>catch</c> that restarts a failed loop) when the document also starts that
    /// method from elsewhere, and the restart is not in a loop. The restarted run begins where the running one ends its
    /// work, so the two are one sequence of runs, not two threads side by side; walked as a second start, every field
    /// the loop sets looked written by two threads at once (NATS.Client's reconnect and event loops). The first
    /// start's walk covers the body; what the restart drops is only the running one's last few statements beside the
    /// next run.
    /// </summary>
    private static void DropRestarts(List<ConcurrentEntry> entries, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (entries.Count < 2)
        {
            return;
        }

        entries.RemoveAll(entry => StartedMethod(entry) is { } started
                                   && !ConcurrentEntryFinder.IsRepeated(entry.StartOperation.Syntax)
                                   && SymbolEqualityComparer.Default.Equals(semanticModel.GetEnclosingSymbol(entry.StartOperation.Syntax.SpanStart, cancellationToken)?.OriginalDefinition, started)
                                   && entries.Exists(other => other != entry && SymbolEqualityComparer.Default.Equals(StartedMethod(other), started)
                                                              && !SymbolEqualityComparer.Default.Equals(semanticModel.GetEnclosingSymbol(other.StartOperation.Syntax.SpanStart, cancellationToken)?.OriginalDefinition, started)));

        static IMethodSymbol? StartedMethod(ConcurrentEntry entry) => entry.Body switch
        {
            IMethodReferenceOperation reference => reference.Method.OriginalDefinition,
            IInvocationOperation call => call.TargetMethod.OriginalDefinition,
            _ => null,
        };
    }

    /// <summary>
    /// Work that an object starts and leaves running (a background loop, a timer, a thread) runs beside whatever code
    /// outside the library calls on that object meanwhile: the public members of its public type (<see cref="IsPublicApi"/>)
    /// are walked as the other side, each once, on the same object. Overrides are left out (a base class's code calls
    /// them, under whatever it holds), and so is <c>Dispose</c>. Only members whose text names a field or property of
    /// the object that the work touched are read, so an object's unrelated API costs nothing. The same holds for an
    /// object that handles an event the work raises: its public members run beside its handler.
    /// </summary>
    private static void WalkOwnMembersBeside(ConcurrentEntry entry, ConcurrentContext context, SharedStateWalker walker, int before, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (semanticModel.GetEnclosingSymbol(entry.StartOperation.Syntax.SpanStart, cancellationToken) is not { } enclosing)
        {
            return;
        }

        var starting = enclosing;
        while (starting is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            starting = starting.ContainingSymbol;
        }

        if (starting is IMethodSymbol startedBy && entry.IntervalEnd == int.MaxValue)
        {
            WalkHandedObjectsBeside(startedBy, entry.Body, context, walker, before, cancellationToken);
        }

        if (starting is not IMethodSymbol { IsStatic: false, ContainingType: { } type } startingMethod || !RunsOnItsObject(entry.Body))
        {
            return;
        }

        // The names of the object's own state that the work touched.
        var names = StateNamesOf(type, walker, before);
        if (names.Count > 0)
        {
            var handler = entry.Body switch
            {
                IMethodReferenceOperation reference => reference.Method.OriginalDefinition,
                IInvocationOperation loop => loop.TargetMethod.OriginalDefinition,
                _ => null,
            };
            WalkMembersBeside(type, names, HandlersOfOtherObjectsEvents(type, cancellationToken), startingMethod, handler, KeptIn(entry.StartOperation), context, walker, cancellationToken, StartingMembers(type, startingMethod, cancellationToken),
                              refusedWhile: new RefusedWhileRunning(startingMethod, handler, cancellationToken));
        }

        // The work may raise another object's event: a subscriber that handles it ('_driver.Completed += OnCompleted')
        // runs the handler on the work's thread while its own callers (a screen's bindings) use it on theirs, so its
        // public members that name the state the handler touched run beside the handler too.
        foreach (var subscriber in SubscribersReached(type, walker, before, cancellationToken))
        {
            WalkMembersBeside(subscriber.Type, StateNamesOf(subscriber.Type, walker, before), subscriber.Handlers, startingMethod: null, handler: null, keptIn: null, context, walker, cancellationToken, skipped: subscriber.Reached,
                              besideHandlers: string.Join("', '", subscriber.Reached.OrderBy(static name => name, StringComparer.Ordinal)));
        }
    }

    /// <summary>
    /// Work left running on an object its starter was given, the work being that object's own method
    /// (<c>new Thread(() => sim.Run(step, ct)).Start()</c>, <c>Task.Run(sim.RunAsync)</c>, in a host method whose caller
    /// passes <c>sim</c>): the caller still holds the object, so its public members that name the state the work touched
    /// run beside the work, on that object (set bh R15, a layout simulation whose control panel adds trains while the
    /// loop thread ticks them). Work that only reads a parameter among other things (a background step given the
    /// options of the call) is not the object's own work; an object the starter creates itself is not reached.
    /// </summary>
    private static void WalkHandedObjectsBeside(IMethodSymbol startingMethod, IOperation work, ConcurrentContext context, SharedStateWalker walker, int before, CancellationToken cancellationToken)
    {
        if (RunOnParameter(work) is not { } run
            || !SymbolEqualityComparer.Default.Equals(run.Parameter.ContainingSymbol, startingMethod)
            || run.Parameter.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } objectType
            || objectType.DeclaringSyntaxReferences.IsEmpty)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = before; i < walker.Accesses.Count; i++)
        {
            var access = walker.Accesses[i];
            if (SymbolEqualityComparer.Default.Equals(access.Key.Owner, run.Parameter)
                && SymbolEqualityComparer.Default.Equals(access.Key.State.ContainingType?.OriginalDefinition, objectType.OriginalDefinition))
            {
                names.Add(access.Key.State.Name);
            }
        }

        // The member the work itself calls on the object ('sim.Run(…)') runs in the work, not beside it.
        WalkMembersBeside(objectType, names, HandlersOfOtherObjectsEvents(objectType, cancellationToken), startingMethod: null, handler: null, keptIn: null, context, walker, cancellationToken,
                          skipped: new HashSet<string>(StringComparer.Ordinal) { run.Method.Name }, thisOwner: run.Parameter);
    }

    /// <summary>
    /// The parameter and method of work that is one call on a parameter: <c>() => sim.Run(ct)</c>, <c>() => { sim.Run(ct); }</c>,
    /// <c>sim.RunAsync</c> as a method group; null for anything else.
    /// </summary>
    private static (IParameterSymbol Parameter, IMethodSymbol Method)? RunOnParameter(IOperation work)
    {
        var call = work switch
        {
            IMethodReferenceOperation { Instance: IParameterReferenceOperation target } reference => ((IParameterSymbol Parameter, IMethodSymbol Method)?)(target.Parameter, reference.Method),
            _ => null,
        };
        if (call is not null || work is not IAnonymousFunctionOperation { Body.Operations: var statements })
        {
            return call;
        }

        var only = statements.Where(static statement => statement is not IReturnOperation { ReturnedValue: null }).ToList();
        var value = only.Count == 1 ? only[0] switch
        {
            IExpressionStatementOperation expression => expression.Operation,
            IReturnOperation { ReturnedValue: { } returned } => returned,
            _ => null,
        } : null;
        return ConcurrentEntryFinder.Strip(value ?? work) is IInvocationOperation { Instance: IParameterReferenceOperation receiver, TargetMethod: var method }
            ? (receiver.Parameter, method)
            : null;
    }

    /// <summary>
    /// The names of the methods of <paramref name="type"/> that start the work by calling <paramref name="startingMethod"/>
    /// when it is private, directly or through other private methods (<c>ConnectAsync</c> calling <c>ConnectInternal</c>,
    /// which starts the receive loop): each is the member that started the work, as it is when it starts the work
    /// itself, and is not walked beside it. A second call of it is its callers' to order, and such members usually
    /// refuse one while the first connection's work runs (a state checked or swapped at their top); null when the
    /// starting method is not private.
    /// </summary>
    private static HashSet<string>? StartingMembers(INamedTypeSymbol type, IMethodSymbol startingMethod, CancellationToken cancellationToken)
    {
        if (startingMethod.DeclaredAccessibility != Accessibility.Private)
        {
            return null;
        }

        var starters = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(startingMethod.Name);
        while (pending.Count > 0)
        {
            var callee = new[] { pending.Pop() };
            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet } method
                    || starters.Contains(method.Name) || method.Name == callee[0])
                {
                    continue;
                }

                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    if (SourceWords.Any(reference.SyntaxTree.GetText(cancellationToken), reference.Span, callee)
                        && Calls(reference.GetSyntax(cancellationToken), callee))
                    {
                        starters.Add(method.Name);
                        if (method.DeclaredAccessibility == Accessibility.Private)
                        {
                            pending.Push(method.Name);
                        }

                        break;
                    }
                }
            }
        }

        return starters;
    }

    /// <summary>Whether <paramref name="declaration"/> calls a method of its own object named <paramref name="name"/> (<c>Name(…)</c>, <c>this.Name(…)</c>).</summary>
    private static bool Calls(SyntaxNode declaration, string[] name)
    {
        foreach (var call in SourceWords.InvocationsNamed(declaration.SyntaxTree.GetRoot(), name))
        {
            if (declaration.Span.Contains(call.Span)
                && call.Expression is IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names of <paramref name="type"/>'s own state among the accesses the walk recorded from <paramref name="before"/> on.</summary>
    private static HashSet<string> StateNamesOf(INamedTypeSymbol type, SharedStateWalker walker, int before)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = before; i < walker.Accesses.Count; i++)
        {
            if (OwnState(walker.Accesses[i]) is { } own && SymbolEqualityComparer.Default.Equals(own.Type, type))
            {
                names.Add(own.Name);
            }
        }

        return names;
    }

    /// <summary>
    /// The object's own state an access touches, by its type and name: a field or property of <c>this</c>, or a struct
    /// field of one (<c>_stone.Velocity</c> is <c>_stone</c>'s, set bg R14); null for anything else.
    /// </summary>
    private static (INamedTypeSymbol Type, string Name)? OwnState(StateAccess access)
    {
        var state = access.Key.State;
        switch (access.Key.Owner)
        {
            case INamedTypeSymbol owner when SymbolEqualityComparer.Default.Equals(state.ContainingType?.OriginalDefinition, owner.OriginalDefinition):
                return (owner, state.Name);
            case IFieldSymbol { IsStatic: false, Type.IsValueType: true, ContainingType: { } holder } field
                when SymbolEqualityComparer.Default.Equals(state.ContainingType?.OriginalDefinition, field.Type.OriginalDefinition):
                return (holder, field.Name);
            default:
                return null;
        }
    }

    /// <summary>
    /// The types other than <paramref name="startingType"/> whose own state the walk touched inside one of their
    /// handlers of another object's event (<see cref="HandlersOfOtherObjectsEvents"/>).
    /// </summary>
    private static List<Subscriber> SubscribersReached(INamedTypeSymbol startingType, SharedStateWalker walker, int before, CancellationToken cancellationToken)
    {
        var subscribers = new List<Subscriber>();
        var byType = new Dictionary<INamedTypeSymbol, Subscriber>(SymbolEqualityComparer.Default);
        for (var i = before; i < walker.Accesses.Count; i++)
        {
            var access = walker.Accesses[i];
            if (OwnState(access) is not ({ TypeKind: TypeKind.Class } owner, _)
                || SymbolEqualityComparer.Default.Equals(owner, startingType)
                || owner.DeclaringSyntaxReferences.IsEmpty
                || access.Location.SourceTree is not { } tree)
            {
                continue;
            }

            if (!byType.TryGetValue(owner, out var subscriber))
            {
                byType[owner] = subscriber = new Subscriber(owner, HandlersOfOtherObjectsEvents(owner, cancellationToken));
            }

            if (subscriber.Handlers.Count > 0
                && tree.GetRoot(cancellationToken).FindToken(access.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method
                && subscriber.Handlers.Contains(method.Identifier.ValueText))
            {
                if (subscriber.Reached.Count == 0)
                {
                    subscribers.Add(subscriber);
                }

                subscriber.Reached.Add(method.Identifier.ValueText);
            }
        }

        return subscribers;
    }

    /// <summary>A type whose handler of another object's event the work ran: its handlers of such events, and those reached.</summary>
    private sealed class Subscriber
    {
        public Subscriber(INamedTypeSymbol type, HashSet<string> handlers)
        {
            Type = type;
            Handlers = handlers;
        }

        public INamedTypeSymbol Type { get; }

        public HashSet<string> Handlers { get; }

        public HashSet<string> Reached { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Walks the members of <paramref name="type"/> that run beside the work on the same object: its public API (and
    /// <paramref name="handlersOfOthers"/>, its handlers of other objects' events) whose text names one of
    /// <paramref name="names"/>, except the member that started the work, the work's own method,
    /// <paramref name="skipped"/>, overrides and disposal.
    /// </summary>
    private static void WalkMembersBeside(INamedTypeSymbol type, HashSet<string> names, HashSet<string> handlersOfOthers, IMethodSymbol? startingMethod, IMethodSymbol? handler, string? keptIn, ConcurrentContext context, SharedStateWalker walker, CancellationToken cancellationToken, HashSet<string>? skipped = null, string? besideHandlers = null, ISymbol? thisOwner = null, RefusedWhileRunning? refusedWhile = null)
    {
        if (names.Count == 0)
        {
            return;
        }

        var words = WithPrivateHelpers(type, names, cancellationToken);
        var members = new List<IMethodSymbol>();
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet } method
                || !(IsPublicApi(method) || handlersOfOthers.Contains(method.Name)) || method.IsAbstract || method.IsOverride
                || SymbolEqualityComparer.Default.Equals(method, startingMethod) || SymbolEqualityComparer.Default.Equals(method, handler)
                || skipped?.Contains(method.Name) == true
                || method.Name is "Dispose" or "DisposeAsync" // not thread-safe by contract: disposing while in use is the caller's bug
                || !method.DeclaringSyntaxReferences.Any(r => SourceWords.Any(r.SyntaxTree.GetText(cancellationToken), r.Span, words))
                || (keptIn is not null && WaitsForThroughCalls(method, keptIn, orRefuses: true, depth: 0, cancellationToken)))
            {
                continue;
            }

            members.Add(method);
        }

        // 'if (IsRunning) throw new InvalidOperationException("already started");' in a member and in the work's start:
        // a caller that runs it while the work runs breaks its contract, and is told so. Only the flag itself is raced
        // on, since the check and the store that follows it are two steps (NetMQ's monitor: 'AttachToPoller' beside the
        // task 'StartAsync' runs 'Start' on, both refusing to run twice). Such a member's other accesses are taken back
        // after its walk, so it shares no callee's walk with the others.
        var guarded = new Dictionary<IMethodSymbol, HashSet<string>>(SymbolEqualityComparer.Default);
        foreach (var method in members)
        {
            if (refusedWhile?.ExcludedBy(method) is { } guards)
            {
                guarded[method] = guards;
            }
        }

        walker.WalkMembersBeside(members, guarded.ContainsKey, method =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var walked = walker.Accesses.Count;
            walker.WalkMemberOfStarter(method, new ConcurrentContext(context.Start, multiInstance: false, starterBody: null, 0, int.MaxValue, partner: context) { RunBy = context.RunBy, BesideStartedWork = true, BesideHandlers = besideHandlers, HandedAs = thisOwner?.Name }, thisOwner);
            if (guarded.TryGetValue(method, out var guards))
            {
                for (var i = walker.Accesses.Count - 1; i >= walked; i--)
                {
                    if (!guards.Contains(walker.Accesses[i].Key.State.Name))
                    {
                        walker.Accesses.RemoveAt(i);
                    }
                }
            }
        });
    }

    /// <summary>
    /// <paramref name="names"/>, and the names of the type's private methods whose text names one of them, or names such a
    /// method (a loop's <c>RunLoop</c> that calls <c>Step</c>, which changes the state: set bg R14).
    /// </summary>
    private static string[] WithPrivateHelpers(INamedTypeSymbol type, HashSet<string> names, CancellationToken cancellationToken)
    {
        var words = new HashSet<string>(names, StringComparer.Ordinal);
        var helpers = type.GetMembers().OfType<IMethodSymbol>()
            .Where(static method => method is { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private, IsImplicitlyDeclared: false })
            .ToList();
        for (var added = true; added;)
        {
            added = false;
            var current = words.ToArray();
            foreach (var helper in helpers)
            {
                if (!words.Contains(helper.Name)
                    && helper.DeclaringSyntaxReferences.Any(r => SourceWords.Any(r.SyntaxTree.GetText(cancellationToken), r.Span, current)))
                {
                    words.Add(helper.Name);
                    added = true;
                }
            }
        }

        return words.ToArray();
    }

    /// <summary>The name of the field the started work's task or thread is kept in (<c>_loop = RunAsync(ct)</c>, <c>_loop = Task.Run(…)</c>, <c>_thread = new Thread(…)</c>), or null.</summary>
    private static string? KeptIn(IOperation start)
    {
        var kept = start is ISimpleAssignmentOperation ? start : start.Parent;
        while (kept is IConversionOperation)
        {
            kept = kept.Parent;
        }

        return kept is ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } ? field.Field.Name : null;
    }

    /// <summary>
    /// Whether a member waits for the work kept in field <paramref name="name"/> (<c>await _loop</c>,
    /// <c>_loop.Wait()</c>, <c>_thread?.Join()</c>, <c>_loop.GetAwaiter().GetResult()</c>, <c>Task.WhenAny(_loop, …)</c>), or refuses to run while it is kept
    /// (<c>if (_loop is not null) throw …;</c>): such a member does not run beside the work (what it does before the
    /// wait is not walked either, a recall the walk gives up for the usual stop method: cancel, then wait).
    /// </summary>
    private static bool WaitsForOrRefuses(SyntaxNode member, string name) => WaitsFor(member, name, orRefuses: true);

    /// <summary>
    /// Whether <paramref name="method"/> waits for the work kept in the field <paramref name="name"/> (see
    /// <see cref="WaitsFor"/>), itself or in a method of its type it calls by its simple name (a
    /// forwarding overload, a <c>JoinThreads()</c> helper), up to two calls deep; at the second call, only a method whose
    /// text names the field is read.
    /// </summary>
    internal static bool WaitsForThroughCalls(IMethodSymbol method, string name, bool orRefuses, int depth, CancellationToken cancellationToken)
    {
        var words = new[] { name };
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (depth > 1 && !SourceWords.Any(reference.SyntaxTree.GetText(cancellationToken), reference.Span, words))
            {
                continue;
            }

            var syntax = reference.GetSyntax(cancellationToken);
            if (WaitsFor(syntax, name, orRefuses))
            {
                return true;
            }

            if (depth >= 2)
            {
                continue;
            }

            foreach (var node in syntax.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax call
                    && RefusedWhileRunning.OwnMethodsCalled(method, call).Any(other => !other.IsStatic && WaitsForThroughCalls(other, name, orRefuses: false, depth + 1, cancellationToken)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="member"/> waits for the work kept in the field <paramref name="name"/> (see
    /// <see cref="WaitsForOrRefuses"/>), or, with <paramref name="orRefuses"/>, refuses to run while it is kept.
    /// </summary>
    internal static bool WaitsFor(SyntaxNode member, string name, bool orRefuses = false)
    {
        // A local that holds the work first ('var loop = _loop ?? throw …; await loop;') is waited for as the field is.
        HashSet<string>? copies = null;
        bool Names(ExpressionSyntax expression) => NullCheckedReads.Names(expression, name) || copies?.Contains(NullCheckedReads.NameOf(expression) ?? "") == true;
        foreach (var node in member.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var value } copy when NullCheckedReads.Names(CopiedValue(value), name):
                    (copies ??= new HashSet<string>(StringComparer.Ordinal)).Add(copy.Identifier.ValueText);
                    break;
                case AwaitExpressionSyntax awaited when Names(Unwrapped(awaited.Expression)):
                    return true;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" or "GetResult" or "Join" } access }
                    when Names(Unwrapped(access.Expression)):
                    return true;
                case ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Wait" or "Join" } } } waited
                    when Names(Unwrapped(waited.Expression)):
                    // '_worker?.Join()': a thread kept in a field, joined when there is one.
                    return true;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WhenAny" or "WaitAny" or "WhenAll" or "WaitAll" } } joining
                    when joining.ArgumentList.Arguments.Any(argument => Names(Unwrapped(argument.Expression))):
                    // 'await Task.WhenAny(_startup, Task.Delay(Timeout.Infinite, ct))': it waits for the work, up to the
                    // caller's deadline; what it does after a deadline passes is its author's choice.
                    return true;
                case IfStatementSyntax { Statement: var then } check when orRefuses && NullCheckedReads.ChecksNotNull(check.Condition, name)
                                                                        && (then is ThrowStatementSyntax || then is BlockSyntax { Statements: { Count: > 0 } statements } && statements[0] is ThrowStatementSyntax):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The value a local copies: <c>_loop ?? throw …</c>, <c>_loop!</c> and <c>(_loop)</c> are <c>_loop</c>.</summary>
    private static ExpressionSyntax CopiedValue(ExpressionSyntax value)
    {
        while (true)
        {
            switch (value)
            {
                case BinaryExpressionSyntax { Right: ThrowExpressionSyntax } coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                    value = coalesce.Left;
                    continue;
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    value = suppressed.Operand;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    value = parenthesized.Expression;
                    continue;
                default:
                    return value;
            }
        }
    }

    /// <summary><c>_loop.ConfigureAwait(false)</c>, <c>_loop.GetAwaiter()</c>, <c>_loop!</c> and <c>(_loop)</c> are the task itself.</summary>
    private static ExpressionSyntax Unwrapped(ExpressionSyntax expression)
    {
        while (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" or "GetAwaiter" } access })
        {
            expression = access.Expression;
        }

        return CopiedValue(expression);
    }

    /// <summary>
    /// The names of the type's methods it subscribes to another object's event (<c>_source.Changed += OnChanged</c>):
    /// that object raises the event on its own thread, so the handler runs beside the work as a public member does.
    /// Read on syntax: a <c>+=</c> of a method name to a member of something other than <c>this</c>.
    /// </summary>
    private static HashSet<string> HandlersOfOtherObjectsEvents(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            // Read at each '+=' of the type's text, not by a walk of all its syntax: an escape cannot spell an operator.
            var text = SourceWords.TextOf(reference.SyntaxTree.GetText(cancellationToken));
            var root = reference.SyntaxTree.GetRoot(cancellationToken);
            for (var at = text.IndexOf("+=", reference.Span.Start, reference.Span.Length, StringComparison.Ordinal);
                 at >= 0 && at < reference.Span.End - 1;
                 at = text.IndexOf("+=", at + 2, reference.Span.End - at - 2, StringComparison.Ordinal))
            {
                var token = root.FindToken(at);
                if (token.SpanStart == at && token.IsKind(SyntaxKind.PlusEqualsToken)
                    && token.Parent is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: not ThisExpressionSyntax }, Right: IdentifierNameSyntax handler })
                {
                    names.Add(handler.Identifier.ValueText);
                }
            }
        }

        return names;
    }

    /// <summary>
    /// A member that code outside the assembly can call, on a type it can see: such callers know nothing of the locks
    /// or modes by which the library's own code serializes its calls. A protected or internal member is called by
    /// the library itself (a base class's template method under its lock, a connector's read loop or its parser, by
    /// mode), which the walk cannot see.
    /// </summary>
    private static bool IsPublicApi(IMethodSymbol method)
    {
        if (method.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether started work runs on the starting object: a lambda written in it, or a method group of <c>this</c>.</summary>
    private static bool RunsOnItsObject(IOperation body) => body switch
    {
        IAnonymousFunctionOperation => true,
        IMethodReferenceOperation { Method.IsStatic: false, Instance: null or IInstanceReferenceOperation } => true,
        IInvocationOperation { TargetMethod.IsStatic: false, Instance: null or IInstanceReferenceOperation } => true,
        IMethodBodyOperation => true, // a public 'async void' handler's own body
        _ => false,
    };

    private void FindRaces(List<StateAccess> accesses, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<StateKey, List<StateAccess>>();
        foreach (var access in accesses)
        {
            if (!groups.TryGetValue(access.Key, out var group))
            {
                groups[access.Key] = group = new List<StateAccess>();
            }

            group.Add(access);
        }

        foreach (var group in groups.Values)
        {
            FindWriteRaces(group, cancellationToken);
            FindCollectionRaces(group);
        }
    }

    private void FindWriteRaces(List<StateAccess> group, CancellationToken cancellationToken)
    {
        var writes = group.FindAll(a => a.Kind == AccessKind.Write);
        var locked = writes.FindAll(a => a.IsGuardedForWrite);
        foreach (var write in writes)
        {
            if (!write.IsLockedForWrite && write.IsConstantStore && LockedGates.IsRelease(write.Location, cancellationToken))
            {
                continue; // the winner of a claim made under the lock gives the flag back
            }

            var guarded = locked.Find(l => l != write && Pairs(write, l, forGuard: true));
            if (guarded is not null && !(write.StoredConstant is not null && HeldOnlyHere(group, write, LockName(guarded))))
            {
                var lockName = LockName(guarded);
                _findings.Add(DiagnosticIds.InconsistentSynchronization, write.Location, StartOf(write, guarded).Start, write.Key.State, FixableLockName(lockName),
                    [Name(write), "updated", lockName, GuardedIn(group, guarded, lockName), RunsOnSeveralThreads(write, guarded)]);
                continue;
            }

            if (write.IsLockedForWrite || (write.IsConstantStore && write.StoredConstant is null))
            {
                continue; // a locked write is not the unsynchronized one; an idempotent publication loses nothing
            }

            // Unlocked writes at the same time, even where the state is locked elsewhere: a 'Parallel.ForEach' body's
            // '_bytes += s' races with itself whatever a later, sequential loop does under a lock.
            // Stores of constants read nothing, so racing ones lose no update: any order is one the code could have
            // run in ('found = true'; a failure flag set by one callback and reset by another). Except the starter's
            // own store after the start against another constant stored by the work it started ('_state = Ready' in
            // the work, '_state = Rendering' after starting it): the code means its store to come first, and the
            // work's can come first and be overwritten.
            // A write under a lock in a member walked beside the work is no guard (above), but it is still a write the
            // unlocked one meets: holding a lock on one side excludes nothing.
            var other = write.IsConstantStore
                ? writes.Find(w => (!w.IsGuardedForWrite || w.Context.BesideStartedWork) && w.StoredConstant is { } stored && stored != write.StoredConstant
                                   && (write.Context.Partner is null) != (w.Context.Partner is null)
                                   && write.RunsConcurrentlyWith(w) && !write.SharesLockWith(w))
                : writes.Find(w => (!w.IsGuardedForWrite || w.Context.BesideStartedWork) && write.RunsConcurrentlyWith(w) && !write.SharesLockWith(w));
            if (other is not null)
            {
                var reason = other.IsGuardedForWrite && write.Via is null && !write.Context.BesideStartedWork
                    ? $"'{other.MemberName}' can be called while the work its object started {StartOf(write, other).StartedAt} runs, and stores it too"
                    : RunsOnSeveralThreads(write, other);
                _findings.Add(DiagnosticIds.SharedStateMutation, write.Location, StartOf(write, other).Start, write.Key.State, null,
                    [Name(write), write.MemberName, reason]);
                continue;
            }

            // A struct of several fields is copied field by field: a read beside the store can mix two values (a fresh
            // time with a stale status), even where one thread does all the writing.
            if (!write.IsConstantStore && write.StateType is { } type && StoreFacts.IsTearable(type)
                && group.Find(r => r.Kind == AccessKind.Read && Pairs(write, r)) is { } read)
            {
                _findings.Add(DiagnosticIds.SharedStateMutation, write.Location, StartOf(write, read).Start, write.Key.State, null,
                    [Name(write), write.MemberName, $"{RunsOnSeveralThreads(read, write)}, and a '{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' is copied field by field, so it can be read half-written"]);
                continue;
            }

            // A store of null beside code that checks the field for null and then reads it again, instead of reading it
            // once into a local: the second read can see the null the check ruled out.
            if (!write.IsLockedForWrite && IsNullStore(write))
            {
                foreach (var reread in group)
                {
                    if (reread.Kind == AccessKind.Read && Pairs(write, reread) && NullCheckedReads.CheckLine(reread.Location) is { } checkedAt)
                    {
                        _findings.Add(DiagnosticIds.SharedStateMutation, write.Location, StartOf(write, reread).Start, write.Key.State, null,
                            [Name(write), write.MemberName, $"{RunsOnSeveralThreads(reread, write)}, and it checks '{Name(write)}' for null at line {checkedAt} and reads it again at line {reread.Location.GetLineSpan().StartLinePosition.Line + 1}, which can see this null"]);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>A store of <c>null</c> (or <c>default</c>) into a reference-typed field or property.</summary>
    private static bool IsNullStore(StateAccess write)
        => write.StateType is { IsReferenceType: true } && write.StoredConstant is { } stored && (stored == "default" || stored.EndsWith(" null", StringComparison.Ordinal));


    private void FindCollectionRaces(List<StateAccess> group)
    {
        var mutations = group.FindAll(a => a.Kind == AccessKind.CollectionMutation);
        if (mutations.Count == 0)
        {
            return;
        }

        var locked = mutations.FindAll(a => a.IsGuardedForWrite);
        var inconsistent = new HashSet<StateAccess>();
        foreach (var access in group)
        {
            if (access.Kind == AccessKind.Write || locked.Count == 0)
            {
                continue;
            }

            var guarded = locked.Find(l => l != access && Pairs(access, l, forGuard: true));
            if (guarded is not null)
            {
                var lockName = LockName(guarded);
                var verb = access.Kind == AccessKind.CollectionRead ? "read" : "modified";
                _findings.Add(DiagnosticIds.InconsistentSynchronization, access.Location, StartOf(access, guarded).Start, access.Key.State, FixableLockName(lockName),
                    [Name(access), verb, lockName, GuardedIn(group, guarded, lockName), RunsOnSeveralThreads(access, guarded)]);
                inconsistent.Add(access);
            }
        }

        foreach (var mutation in mutations)
        {
            if (mutation.IsGuardedForWrite || inconsistent.Contains(mutation))
            {
                continue;
            }

            // Another mutation, or a read, at the same time: both corrupt or throw on List/Dictionary. A mutation under
            // the collection's lock is not the unsynchronized side (it would have been paired above).
            var other = group.Find(a => a.Kind != AccessKind.Write && !(a.Kind == AccessKind.CollectionMutation && a.IsGuardedForWrite)
                                        && mutation.RunsConcurrentlyWith(a) && !mutation.SharesLockWith(a));
            if (other is not null)
            {
                // The collection an AsyncLocal holds is named by its own type (see SharedStateWalker.CollectionSpec).
                var stateType = mutation.StateType is INamedTypeSymbol { Name: "AsyncLocal", TypeArguments.Length: 1 } flow ? flow.TypeArguments[0] : mutation.StateType;
                var type = stateType?.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "collection";
                var why = other.HandedOut
                    ? $"'{other.MemberName}' hands it out to its callers while the work its object started {StartOf(mutation, other).StartedAt} runs"
                    : RunsOnSeveralThreads(mutation, other);
                _findings.Add(DiagnosticIds.CollectionMutatedConcurrently, mutation.Location, StartOf(mutation, other).Start, mutation.Key.State, null,
                    [Name(mutation), type, mutation.MemberName, why]);
            }
        }
    }

    /// <summary>
    /// Whether two accesses can run at the same time without a lock in common. A member walked beside the work its
    /// object started is paired for lost updates only, not for a guard: which lock guards the type's state, counted
    /// over all its members, is the type's own concurrency's to say (<see cref="TypeConcurrency"/>).
    /// </summary>
    private static bool Pairs(StateAccess access, StateAccess other, bool forGuard = false)
        => !(forGuard && (access.Context.BesideStartedWork || other.Context.BesideStartedWork))
           && access.RunsConcurrentlyWith(other) && !access.SharesLockWith(other);

    /// <summary>The start quoted in the message: the access's own thread start, or the other side's if the access is on the starting thread.</summary>
    private static ConcurrentContext StartOf(StateAccess access, StateAccess other)
        => access.Context.Partner is null ? access.Context : (other.Context.Partner ?? other.Context);

    private static string RunsOnSeveralThreads(StateAccess access, StateAccess other)
        => access.Via is { } via
            ? $"{via} by the code started {StartOf(access, other).StartedAt}"
            : access.Context.HandedAs is { } handed
                ? $"'{access.MemberName}' can be called on '{handed}' while the work started {StartOf(access, other).StartedAt} runs on it"
            : access.Context.BesideHandlers is { } handlers
                ? $"'{access.MemberName}' can be called while '{handlers}' runs on the thread of the code started {StartOf(access, other).StartedAt}"
            : access.Context.BesideStartedWork
                ? $"'{access.MemberName}' can be called while the work its object started {StartOf(access, other).StartedAt} runs"
                : $"'{access.MemberName}' runs on several threads (started {StartOf(access, other).StartedAt})";

    /// <summary>"in 'Deposit' (3 of 4 accesses)": how much of the state's code holds the guard, counting each place once.</summary>
    private static string GuardedIn(List<StateAccess> group, StateAccess guarded, string lockName)
    {
        var places = new HashSet<Location>();
        var holding = new HashSet<Location>();
        foreach (var access in group)
        {
            if (access.Context.BesideStartedWork)
            {
                continue; // the members walked beside started work count in the type's own concurrency, not here
            }

            places.Add(access.Location);
            foreach (var held in access.Locks)
            {
                if (held.AllowsWrites && held.Symbol is { } symbol && DisplayName(symbol) == lockName)
                {
                    holding.Add(access.Location);
                }
            }
        }

        return $"in '{guarded.MemberName}' ({holding.Count} of {places.Count} accesses)";
    }

    private static string Name(StateAccess access) => access.Key.State.Name;

    /// <summary>
    /// Whether every access of <paramref name="group"/> that holds <paramref name="lockName"/> is at the place of
    /// <paramref name="write"/>, which is also reached without it: the lock is one that some callers of this code happen
    /// to hold, not a guard the state's own code takes (SSH.NET's <c>Disconnect</c>, whose public overload holds
    /// <c>_connectLock</c> while the listener's error path calls the same private one without it, to store
    /// <c>_isDisconnecting = true</c>). For a store of a constant, which reads nothing, that is no guard to miss; the
    /// store is still reported where another constant meets it (FL1001). The places are counted as in
    /// <see cref="GuardedIn"/>.
    /// </summary>
    private static bool HeldOnlyHere(List<StateAccess> group, StateAccess write, string lockName)
    {
        foreach (var access in group)
        {
            if (!access.Context.BesideStartedWork && access.Location != write.Location && access.Locks.Any(held => held.AllowsWrites && held.Symbol is { } symbol && DisplayName(symbol) == lockName))
            {
                return false;
            }
        }

        return true;
    }

    private static string LockName(StateAccess guarded)
    {
        foreach (var held in guarded.Locks)
        {
            if (held.AllowsWrites && held.CanGuard(guarded.Key.State) && held.Symbol is { } symbol)
            {
                return DisplayName(symbol);
            }
        }

        return "its lock";
    }

    /// <summary>How a lock is named in messages: a field, <c>this</c>, or a gate helper as its call (<c>IsClosing()</c>, see GateFacts).</summary>
    private static string DisplayName(ISymbol lockSymbol) => lockSymbol switch
    {
        ITypeSymbol => "this",
        IMethodSymbol method => method.Name + "()",
        _ => lockSymbol.Name,
    };

    /// <summary>The lock name the "wrap in lock" fix may take, or null when the guard is a gate helper, which no <c>lock</c> statement can hold.</summary>
    private static string? FixableLockName(string lockName) => lockName.EndsWith("()", StringComparison.Ordinal) ? null : lockName;
}
