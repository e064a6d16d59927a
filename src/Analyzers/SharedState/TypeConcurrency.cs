using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Concurrency that comes from callers: a type that synchronizes its own state (a lock region on its own field, or
/// <c>Interlocked</c>/<c>Volatile</c> on one), or that declares itself shared (an attribute named <c>ThreadSafe</c>, its
/// documentation, or a framework base type's contract: <see cref="DeclaredConcurrency"/>), declares that its members
/// run at the same time. Its public members (or the contract's), and its own methods used as callbacks, are the concurrent
/// entries; their accesses to the type's state are composed from per-method summaries through the calls between them.
/// </summary>
/// <remarks>
/// <para>This is RacerD's class-level reporting adapted to C# (STYLE §10). Constructors own the object: only the
/// code they defer (a timer or thread callback) runs concurrently. Only the type's own state is judged, reached
/// through <c>this</c> or statically, so an object not yet published never counts.</para>
/// <para>A field's guard is the lock held at most of its accesses within its own type, reported with the counts
/// (as SpotBugs' IS2 does): "guarded by '_sync' in 5 of 6 accesses". Only accesses that can lose an update or
/// corrupt a collection are reported; an unlocked read of a scalar is left alone.</para>
/// </remarks>
internal sealed partial class TypeConcurrency
{
    /// <summary>How many calls deep summaries are composed; private helper chains are short.</summary>
    private const int MaxCallDepth = 8;

    private readonly INamedTypeSymbol _type;
    private readonly Func<SyntaxTree, SemanticModel> _semanticModels;
    private readonly MethodSummaryBuilder _builder;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<IMethodSymbol, MethodSummary?> _summaries = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, int> _declaredIndex = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, string> _lockKeys = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CompositeKey, object> _receiverDenotesOwnType = new();
    private readonly Dictionary<CompositeKey, object> _receiverDenotesAtomicType = new();
    private readonly ConcurrencyTypes _types;

    /// <summary>The summaries of the methods that decide whether the type is concurrent (those that synchronize or hand out callbacks).</summary>
    private List<MethodSummary> _decisive = new();

    /// <summary>Which declared methods can reach reportable state; null until known, or when every method counts.</summary>
    private ReportableState? _reportable;

    /// <summary>Every access reached from the entries, once they are composed (see <see cref="DecidedLockedUpdateOfOther"/>).</summary>
    private IEnumerable<Reached> _allReached = Array.Empty<Reached>();

    /// <summary>What the type says about its concurrency itself (see <see cref="DeclaredConcurrency"/>).</summary>
    private readonly (DeclaredConcurrency.Kind Kind, string Why, DeclaredConcurrency.Contract? Contract) _declaration;

    private TypeConcurrency(INamedTypeSymbol type, (DeclaredConcurrency.Kind, string, DeclaredConcurrency.Contract?) declaration, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        _type = type;
        _declaration = declaration;
        _types = types;
        _semanticModels = semanticModels;
        _cancellationToken = cancellationToken;
        _builder = new MethodSummaryBuilder(type, types, new SynchronizationFacts(types), cancellationToken);
    }

    /// <summary>The races on <paramref name="type"/>'s own state, located in <paramref name="tree"/>.</summary>
    public static void Analyze(INamedTypeSymbol type, Compilation compilation, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, SyntaxTree tree, RaceFindings findings, CancellationToken cancellationToken)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsRecord && type.TypeKind == TypeKind.Struct)
        {
            return;
        }

        if (type.DeclaringSyntaxReferences.Length < 2)
        {
            if (MayRace(type, compilation, types, cancellationToken) is { } declaration)
            {
                new TypeConcurrency(type, declaration, types, semanticModels, cancellationToken).Report(tree, findings);
            }

            return;
        }

        // A part that names none of the type's state holds none of its findings, and need not wait while another
        // file's callback computes them (RecyclableMemoryStream's manager declares its event source and event
        // arguments as nested types in two more parts: their callbacks waited 40-70 ms for the third).
        if (NamesOwnState(type, tree, cancellationToken))
        {
            findings.AddFrom(AllFiles(type, compilation, types, semanticModels, cancellationToken), tree);
        }
    }

    /// <summary>
    /// Whether the parts of <paramref name="type"/> declared in <paramref name="tree"/> name one of its fields or
    /// properties outside its nested types: every finding on the type is at an access of such state in its own code.
    /// </summary>
    private static bool NamesOwnState(INamedTypeSymbol type, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: false } or IPropertySymbol)
            {
                names.Add(member.Name);
            }
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != tree || reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax part)
            {
                continue;
            }

            foreach (var member in part.Members)
            {
                if (member is not BaseTypeDeclarationSyntax and not DelegateDeclarationSyntax
                    && SourceWords.AnyToken(member, token => token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// What the type declares about its concurrency, or null when its declaration and syntax already show that none
    /// of its state can be reported, so that none of its bodies is bound.
    /// </summary>
    private static (DeclaredConcurrency.Kind, string, DeclaredConcurrency.Contract?)? MayRace(INamedTypeSymbol type, Compilation compilation, ConcurrencyTypes types, CancellationToken cancellationToken)
    {
        if (IsSingleUserByContract(type))
        {
            return null;
        }

        var declaration = DeclaredConcurrency.Of(type, SingletonRegistrations.For(compilation, cancellationToken), cancellationToken);
        if (declaration.Kind == DeclaredConcurrency.Kind.None && StaticStateCallers.For(compilation).ReasonFor(type, cancellationToken) is { } calledBy)
        {
            // A class that declares nothing, whose static methods a concurrent type calls: its static state is shared.
            declaration = (DeclaredConcurrency.Kind.PerRequest, calledBy, null);
        }

        if (declaration.Kind == DeclaredConcurrency.Kind.SingleUser
            || (declaration.Kind == DeclaredConcurrency.Kind.None && !MaySynchronize(type, compilation, cancellationToken) && !LexicalLocking.IsHostedService(type)))
        {
            return null;
        }

        // A type made for each request shares only its static state: without any, there is nothing to share.
        if (declaration.Kind == DeclaredConcurrency.Kind.PerRequest && !HasStaticState(type, types))
        {
            return null;
        }

        // A type that only synchronizes can only be reported on state used both under its locks and elsewhere: when
        // its syntax shows no such name, none of its bodies is bound.
        if (declaration.Kind == DeclaredConcurrency.Kind.None
            && !LexicalLocking.MayBeInconsistent(type, types, compilation, cancellationToken))
        {
            return null;
        }

        return declaration;
    }

    /// <summary>
    /// Whether <paramref name="type"/> has a static field that can change: not constant, and not read-only unless it
    /// holds a collection that is not safe for concurrent use or an array, whose elements any request can write (a
    /// scratch buffer, set at R09).
    /// </summary>
    private static bool HasStaticState(INamedTypeSymbol type, ConcurrencyTypes types)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsStatic: true, IsConst: false } field && (!field.IsReadOnly || field.Type.TypeKind == TypeKind.Array || types.IsUnsafeCollection(field.Type)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The findings of each type declared in several files, in every file, computed once per compilation: each file's
    /// model asks for its own part, and without this a partial type in 23 files (LiteDB's <c>LiteEngine</c>) was
    /// summarized 23 times, and NLog's <c>Logger</c> (4 files, 454 methods) read as text 4 times before any body
    /// was bound. A type declared once is analysed for its one file only, as an IDE asks.
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<INamedTypeSymbol, Lazy<RaceFindings>>> PartialTypes = new();

    /// <summary>A partial type's findings in all its files, shared by the files' models (see <see cref="PartialTypes"/>).</summary>
    private static RaceFindings AllFiles(INamedTypeSymbol type, Compilation compilation, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        var perType = PartialTypes.GetValue(compilation, _ => new ConcurrentDictionary<INamedTypeSymbol, Lazy<RaceFindings>>(SymbolEqualityComparer.Default));
        while (true)
        {
            // Computed with the token of whichever file asks first; if that file's request is cancelled, the others
            // drop the entry and compute it with their own token (as ConcurrencyModel.For does).
            var lazy = perType.GetOrAdd(type, _ => new Lazy<RaceFindings>(
                () =>
                {
                    var all = new RaceFindings();
                    if (MayRace(type, compilation, types, cancellationToken) is { } declaration)
                    {
                        new TypeConcurrency(type, declaration, types, semanticModels, cancellationToken).Report(tree: null, all);
                    }

                    return all;
                },
                LazyThreadSafetyMode.ExecutionAndPublication));
            try
            {
                return lazy.Value;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ((ICollection<KeyValuePair<INamedTypeSymbol, Lazy<RaceFindings>>>)perType).Remove(new KeyValuePair<INamedTypeSymbol, Lazy<RaceFindings>>(type, lazy));
            }
        }
    }

    /// <summary>Adds the races found in <paramref name="tree"/>, or in every file when it is null.</summary>
    private void Report(SyntaxTree? tree, RaceFindings findings)
    {
        // Bodies are bound on demand: first only the methods whose syntax can synchronize or hand out one of the
        // type's methods as a delegate (they decide whether the type is concurrent at all, and which methods are
        // callbacks); then, if it is, the entries and whatever the composition reaches through calls. A private
        // helper that nothing calls, or a constructor with no deferred code, is never bound.
        var declared = new List<IMethodSymbol>();
        var ownMethodNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in _type.GetMembers())
        {
            if (member is IMethodSymbol method)
            {
                declared.Add(method);
                ownMethodNames.Add(method.Name);
            }
        }

        var facts = new MethodSyntaxFacts[declared.Count];
        var decisive = new List<MethodSummary>();
        _decisive = decisive;
        var words = new WordIndex(_type, MethodSyntaxFacts.Words.Concat(ownMethodNames), _cancellationToken);
        for (var i = 0; i < declared.Count; i++)
        {
            facts[i] = MethodSyntaxFacts.Of(declared[i], ownMethodNames, MayDenoteOwnType, MayDenoteAtomicType, words.WordsIn, _cancellationToken);
            if (facts[i].MattersUnreached && Summary(declared[i]) is { } summary)
            {
                decisive.Add(summary);
            }
        }

        if (Reason(decisive) is not { } reason)
        {
            return;
        }

        reason.NestedCaller = NestedCallerOf;

        if (!reason.Declared)
        {
            // Only state written under one of the type's locks, or updated atomically, can be reported; methods that
            // cannot reach it are never bound (see ReportableState).
            var (guarded, atomicOnly) = ReportableStates(decisive);
            if (declared.Exists(method => RunsAlone(method) is not null))
            {
                // A struct of several fields that a loop running alone and the members copy and store (see TornCopy),
                // and a collection that is not safe for concurrent use, which the loop and the members change or read.
                foreach (var member in _type.GetMembers())
                {
                    if (member is IFieldSymbol { IsStatic: false, IsConst: false, Type: var fieldType } field
                        && ((!field.IsReadOnly && StoreFacts.IsTearable(fieldType)) || _types.IsUnsafeCollection(fieldType)))
                    {
                        guarded.Add(field);
                    }
                }
            }

            if (guarded.Count == 0 && atomicOnly.Count == 0)
            {
                return;
            }

            if (ReportableState.For(_type, declared, guarded, atomicOnly, _cancellationToken) is { } reportable)
            {
                _reportable = reportable;
                for (var i = 0; i < declared.Count; i++)
                {
                    _declaredIndex[declared[i]] = i;
                }
            }
        }

        var delegateTargets = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var summary in decisive)
        {
            foreach (var (target, _) in summary.DelegateTargets)
            {
                delegateTargets.Add(target);
            }
        }

        // The same order as the type's members, so that the first entry to reach an access is the same one.
        var methods = new List<MethodSummary>();
        for (var i = 0; i < declared.Count; i++)
        {
            var method = declared[i];
            var isEntry = method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor
                ? facts[i].HasDeferredCode || !facts[i].Known
                : delegateTargets.Contains(method.PartialImplementationPart ?? method.OriginalDefinition) || IsEntry(method) || RunsAlone(method) is not null;
            if ((facts[i].MattersUnreached || (isEntry && CanReachReportableState(method))) && Summary(method) is { } summary)
            {
                methods.Add(summary);
            }
        }

        var atomic = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var summary in methods)
        {
            atomic.UnionWith(summary.AtomicState);
        }

        var entered = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var reached = ComposeEntries(methods, entered, serialized: null);
        var before = findings.Count;
        ReportReached(reached, reason, atomic, declared, entered, tree, findings);
        if (findings.Count == before)
        {
            return;
        }

        // Asked only of a type with something to report, since it binds the entries' call sites: the entries a report
        // was reached from that nothing in the build calls are left out, and the entries that only the library calls,
        // always under one lock, are composed again holding it.
        var reported = ReportedEntries(reached, findings, before);
        var uncalled = NeverCalled(methods, reported);
        var serialized = SerializedByLibraryCallers(methods, reported);
        if (uncalled.Count > 0 || serialized.Count > 0)
        {
            findings.DropFrom(before);
            entered.Clear();
            reached = ComposeEntries(uncalled.Count > 0 ? methods.FindAll(summary => !uncalled.Contains(summary.Method)) : methods, entered, serialized);
            ReportReached(reached, reason, atomic, declared, entered, tree, findings);
        }
    }

    /// <summary>
    /// The entries of <paramref name="reported"/> that callers would run at once, that start no work of their own, and
    /// that nothing in this build can call (see <see cref="LibraryCallerLocks.NeverCalled"/>), or whose documentation
    /// says they are used before the object starts (see <see cref="DeclaredConcurrency.DocumentedSetUp"/>): they run
    /// beside nothing.
    /// </summary>
    private HashSet<IMethodSymbol> NeverCalled(List<MethodSummary> methods, HashSet<IMethodSymbol> reported)
    {
        var uncalled = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var (entry, deferredOnly, start, alone, _) in Entries(methods))
        {
            var method = entry.Method;
            if (reported.Contains(method) && !deferredOnly && start is null && alone is null
                && entry.DelegateTargets.IsEmpty && !entry.Accesses.Any(static access => access.Deferred) && !entry.Calls.Any(static call => call.Deferred)
                && (method.MethodKind == MethodKind.Ordinary && CallersOf(method)?.NeverCalled(method) == true
                    || method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet
                       && DeclaredConcurrency.DocumentedSetUp(method, _cancellationToken) is not null))
            {
                uncalled.Add(method);
            }
        }

        return uncalled;
    }

    /// <summary>The search for the library's calls of the type's members, made the first time it is needed.</summary>
    private LibraryCallerLocks? CallersOf(IMethodSymbol method)
        => _callers ??= method.Locations.FirstOrDefault()?.SourceTree is { } tree
            ? new LibraryCallerLocks(_semanticModels(tree).Compilation, _semanticModels, new SynchronizationFacts(_types), _cancellationToken)
            : null;

    private LibraryCallerLocks? _callers;

    /// <summary>
    /// Composes every entry through its calls: the accesses it reaches, each with the locks held there. An entry in
    /// <paramref name="serialized"/> starts out holding the lock its callers hold (see <see cref="SerializedByLibraryCallers"/>).
    /// </summary>
    private Dictionary<CompositeKey, Reached> ComposeEntries(List<MethodSummary> methods, HashSet<IMethodSymbol> entered, Dictionary<IMethodSymbol, HeldLock>? serialized)
    {
        var reached = new Dictionary<CompositeKey, Reached>();
        foreach (var (entry, deferredOnly, start, alone, publishers) in Entries(methods))
        {
            entered.Add(entry.Method);
            _composingSkipped = null;
            // A stop that waits for the object's own thread or task ends its use as a disposal does: what it does after
            // the wait races with nothing the object runs (see StopsOwnWork), unless the members check its flag.
            _composingStop = StopsOwnWork(entry.Method) && DisposedFlag(methods, entry.Method) is null;
            if (IsDisposal(entry.Method))
            {
                // Dispose is not thread-safe by contract: using an object while disposing it is the caller's bug,
                // unless the type's own members check under their lock whether it was disposed (see DisposedFlag),
                // or the disposal stops a timer without waiting for its callback (DisposesTimerWithoutWaiting).
                var flag = DisposedFlag(methods);
                if (flag is null && !DisposesTimerWithoutWaiting(entry.Method))
                {
                    continue;
                }

                // A bool flag is a benign publication; a reference the disposal nulls is what the members use.
                _composingSkipped = flag is IFieldSymbol { Type.SpecialType: SpecialType.System_Boolean } ? flag : null;
            }

            _composingByCaller = start is null && !deferredOnly;
            _composingAlone = alone;
            _composingPublishers = publishers;
            _composingEntry = entry.Method;
            var inherited = SynchronizedBy(start);
            if (serialized is not null && _composingByCaller && serialized.TryGetValue(entry.Method, out var callersLock))
            {
                inherited = inherited.Add(callersLock);
            }

            Compose(entry, inherited, deferredOnly, 0, new HashSet<CompositeKey>(), start, reached, HeldFlagsOf(entry.Method));
        }

        _composingByCaller = false;
        _composingStop = false;
        _composingSkipped = null;
        _composingAlone = null;
        _composingPublishers = null;
        _composingEntry = null;

        return reached;
    }

    /// <summary>
    /// The entries callers call that only the library's own code can call, and always under one lock, with that lock
    /// (see <see cref="LibraryCallerLocks"/>). Such an entry does not run beside itself, nor beside the accesses that
    /// hold the same lock.
    /// </summary>
    private Dictionary<IMethodSymbol, HeldLock> SerializedByLibraryCallers(List<MethodSummary> methods, HashSet<IMethodSymbol> reported)
    {
        // The entries a report was reached from first: when none of them is serialized, nothing reported can change,
        // and the other entries' callers are not looked for (the search binds call sites in other files).
        var serialized = new Dictionary<IMethodSymbol, HeldLock>(SymbolEqualityComparer.Default);
        var entries = Entries(methods).Where(static entry => !entry.DeferredOnly && entry.Start is null && entry.Alone is null).Select(static entry => entry.Entry.Method).ToList();
        foreach (var firstReported in new[] { true, false })
        {
            foreach (var method in entries)
            {
                if (reported.Contains(method) != firstReported || !LibraryCallerLocks.OnlyLibraryCalls(method))
                {
                    continue;
                }

                if (CallersOf(method)?.HeldAtEveryCall(method) is { } held)
                {
                    serialized[method] = held;
                }
            }

            if (serialized.Count == 0)
            {
                break;
            }
        }

        return serialized;
    }

    /// <summary>
    /// The entries from which the accesses reported since <paramref name="before"/> were reached: only their callers are
    /// looked for (see <see cref="SerializedByLibraryCallers"/>), which keeps the search to what a report depends on.
    /// </summary>
    private static HashSet<IMethodSymbol> ReportedEntries(Dictionary<CompositeKey, Reached> reached, RaceFindings findings, int before)
    {
        var locations = new HashSet<Location>();
        for (var i = before; i < findings.Count; i++)
        {
            locations.Add(findings.All[i].Location);
        }

        var entries = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var access in reached.Values)
        {
            if (access.Entry is { } entry && locations.Contains(access.Access.Location))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Reports the races among the accesses the entries reach (see <see cref="Report"/>).</summary>
    private void ReportReached(Dictionary<CompositeKey, Reached> reached, Concurrency reason, HashSet<ISymbol> atomic, List<IMethodSymbol> declared, HashSet<IMethodSymbol> entered, SyntaxTree? tree, RaceFindings findings)
    {
        _allReached = reached.Values;

        // A collection's values (the sets a dictionary holds) are judged apart from the collection itself.
        var byState = new Dictionary<ISymbol, List<Reached>>(SymbolEqualityComparer.Default);
        var byValues = new Dictionary<ISymbol, List<Reached>>(SymbolEqualityComparer.Default);
        var byHeldMember = new Dictionary<CompositeKey, List<Reached>>();
        HashSet<ISymbol>? guardedByCallers = null;
        foreach (var access in reached.Values)
        {
            if (access.Access.EscapesUnlocked && !reason.Declared
                && !(IsReadOnlyView(access.Member.ReturnType)
                     && (guardedByCallers ??= ChangedOnlyUnderLocksByCallers(reached.Values)).Contains(access.Access.State)))
            {
                // A collection handed out with no lock held counts where the type declares concurrency, or where its
                // callers change it, always under a lock, and it is handed out as a view to read (see
                // ChangedOnlyUnderLocksByCallers).
                continue;
            }

            if (reason.StaticOnly && !access.Access.State.IsStatic)
            {
                continue; // each request has an instance of its own; only the static state is everyone's
            }

            if (access.Access.HeldMember is { } heldMember)
            {
                // '_current.MistSeconds': each member of a held object is a place of its own for torn reads; its stores
                // also count as the holder's, as before reads were recorded.
                var key = new CompositeKey(access.Access.State, heldMember);
                if (!byHeldMember.TryGetValue(key, out var members))
                {
                    byHeldMember[key] = members = new List<Reached>();
                }

                members.Add(access);
                if (access.Access.Kind == AccessKind.Read)
                {
                    continue;
                }
            }

            var groups = access.Access.OnValue ? byValues : byState;
            if (!groups.TryGetValue(access.Access.State, out var list))
            {
                groups[access.Access.State] = list = new List<Reached>();
            }

            list.Add(access);
        }

        foreach (var pair in byState)
        {
            foreach (var place in ByConstantElement(pair.Value))
            {
                ReportState(pair.Key, place, reason, atomic.Contains(pair.Key), tree, findings);
            }
        }

        foreach (var pair in byValues)
        {
            ReportState(pair.Key, pair.Value, reason, usedAtomically: false, tree, findings, values: true);
        }

        ReportTornPairs(byState, byHeldMember, reason, tree, findings);
        if (atomic.Count > 0)
        {
            ReportPlainUpdatesOfInterlockedState(declared, entered, atomic, reason, tree, findings);
        }
    }

    /// <summary>
    /// Whether a member that returns a collection this way hands it out to be read (<c>IEnumerable&lt;T&gt;</c>,
    /// <c>IReadOnlyList&lt;T&gt;</c>…), not to be changed: NLog's <c>IList&lt;LoggingRule&gt; LoggingRules</c> is how
    /// its users build a configuration, and Rx's <c>Queue&lt;T&gt; Values</c> is used by the parent under the lock it
    /// shares with the observer.
    /// </summary>
    private static bool IsReadOnlyView(ITypeSymbol type)
        => type is INamedTypeSymbol { TypeKind: TypeKind.Interface, Name: var name }
           && (name.StartsWith("IReadOnly", StringComparison.Ordinal) || name == "IEnumerable");

    /// <summary>
    /// The collections that members callers call change, and that every access but a hand-out makes under a lock: the
    /// getter that returns such a collection itself (<c>public IReadOnlyList&lt;Bid&gt; Bids =&gt; _bids;</c>) lets
    /// callers enumerate it while another caller adds under the lock (set ar R06; Newtonsoft.Json's
    /// <c>MemoryTraceWriter.GetTraceMessages</c> returns its live queue beside <c>Trace</c>'s locked enqueues). A
    /// collection filled by the type's own work, or changed anywhere without the lock, is not one (set d C33: a game
    /// loop's contacts, merged under a lock by its parallel step and cleared by the step itself).
    /// </summary>
    private static HashSet<ISymbol> ChangedOnlyUnderLocksByCallers(IEnumerable<Reached> reached)
    {
        var changed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var unlocked = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var access in reached)
        {
            if (access.Access.EscapesUnlocked)
            {
                continue;
            }

            if (access.Locks.IsEmpty)
            {
                unlocked.Add(access.Access.State);
            }
            else if (access.Access.Kind == AccessKind.CollectionMutation && access.ByCaller && !access.Access.Deferred)
            {
                changed.Add(access.Access.State);
            }
        }

        changed.ExceptWith(unlocked);
        return changed;
    }

    /// <summary>
    /// A read-modify-write (<c>_pendingCount--</c>) without a lock, in a member that is not an entry (an internal one the
    /// library's own worker calls, set t R09), of a field the type also changes with <c>Interlocked</c>: whatever thread
    /// calls it, the plain update and an atomic one can overlap, and the plain one overwrites it. A field only read
    /// atomically (<c>Volatile.Read</c>) beside a single writer's <c>++</c> is not reported.
    /// </summary>
    private void ReportPlainUpdatesOfInterlockedState(List<IMethodSymbol> declared, HashSet<IMethodSymbol> entered, HashSet<ISymbol> atomic, Concurrency reason, SyntaxTree? tree, RaceFindings findings)
    {
        HashSet<string>? interlocked = null;
        foreach (var method in declared)
        {
            // Internal only: a protected override is called by the base type's template method, under its lock or in a
            // mode the Interlocked path never runs in (NLog's NullTarget.Write, called under SyncRoot only when
            // FormatMessage is set, while WriteAsyncThreadSafe counts with Interlocked only when it is not).
            if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Internal || method.IsOverride
                || entered.Contains(method) || !CanReachReportableState(method) || Summary(method) is not { } summary)
            {
                continue;
            }

            foreach (var access in summary.Accesses)
            {
                if (access is { Kind: AccessKind.Write, IsCompound: true, Deferred: false, SplitUpdate: false, Locks.IsEmpty: true } && atomic.Contains(access.State)
                    && access.Location.SourceTree is { } accessTree && (tree is null || accessTree == tree)
                    && (interlocked ??= InterlockedUpdates()).Contains(access.State.Name))
                {
                    findings.Add(DiagnosticIds.SharedStateMutation, access.Location, _type.Locations.FirstOrDefault() ?? Location.None, access.State, null,
                        [access.State.Name, Display(method),
                         $"'{_type.Name}' changes '{access.State.Name}' with Interlocked elsewhere, and a plain update beside an atomic one overwrites it, whichever thread calls '{Display(method)}'"]);
                }
            }
        }
    }

    /// <summary>The names of the fields the type's text changes with <c>Interlocked</c> (any call but <c>Read</c>, on <c>ref name</c>).</summary>
    private HashSet<string> InterlockedUpdates()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(_cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Interlocked" }, Name.Identifier.ValueText: not "Read" }, ArgumentList.Arguments: { Count: > 0 } arguments }
                    && arguments[0].RefKindKeyword.IsKind(SyntaxKind.RefKeyword))
                {
                    switch (arguments[0].Expression)
                    {
                        case IdentifierNameSyntax name:
                            names.Add(name.Identifier.ValueText);
                            break;
                        case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name }:
                            names.Add(name.Identifier.ValueText);
                            break;
                    }
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Two fields a method changes together under the type's lock (a total and a moment, an artist and a title) and
    /// another member reads both without it: each read is whole, but the two can come from different updates (the
    /// new moment with the old mass). Reported at the first of the two reads. A single field read without the lock is
    /// left alone (a statistic read on its own may be stale by design).
    /// </summary>
    private void ReportTornPairs(Dictionary<ISymbol, List<Reached>> byState, Dictionary<CompositeKey, List<Reached>> byHeldMember, Concurrency reason, SyntaxTree? tree, RaceFindings findings)
    {
        // For each field with a guard, and each member of a held object (a settings object overwritten in place under
        // the reloader's lock, set az R05): the methods that write it holding that guard.
        var guarded = new List<GuardedState>();
        foreach (var pair in byState)
        {
            if (pair.Key is IFieldSymbol { IsReadOnly: false, IsVolatile: false })
            {
                AddGuarded(pair.Key, pair.Key.Name, pair.Value);
            }
        }

        foreach (var accesses in byHeldMember.Values)
        {
            var held = accesses[0].Access.HeldMember!;
            if (held is IFieldSymbol { IsVolatile: false } or IPropertySymbol)
            {
                AddGuarded(accesses[0].Access.State, $"{accesses[0].Access.State.Name}.{held.Name}", accesses);
            }
        }

        void AddGuarded(ISymbol state, string name, List<Reached> accesses)
        {
            if (Guard(accesses) is not { Guard: { } guard } found)
            {
                return;
            }

            var writtenIn = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var access in accesses)
            {
                if (access.Access.Kind == AccessKind.Write && Holds(access, guard, write: true))
                {
                    writtenIn.Add(access.Member);
                }
            }

            if (writtenIn.Count > 0)
            {
                guarded.Add(new GuardedState(state, name, guard, writtenIn, accesses, found.Count));
            }
        }

        var reported = new HashSet<CompositeKey>();
        for (var i = 0; i < guarded.Count; i++)
        {
            for (var j = 0; j < guarded.Count; j++)
            {
                var first = guarded[i];
                var second = guarded[j];
                if (i == j || !SymbolEqualityComparer.Default.Equals(first.Guard, second.Guard)
                    || first.WrittenIn.FirstOrDefault(second.WrittenIn.Contains) is not { } together)
                {
                    continue;
                }

                foreach (var read in first.Accesses)
                {
                    if (read.Access.Kind != AccessKind.Read || read.Locks.Length > 0 || !InTree(read, tree)
                        || first.WrittenIn.Contains(read.Member))
                    {
                        continue;
                    }

                    var unlockedToo = second.Accesses.Exists(other => other.Access.Kind == AccessKind.Read && other.Locks.Length == 0
                                                                      && SymbolEqualityComparer.Default.Equals(other.Member, read.Member)
                                                                      && other.Access.Location.SourceSpan.Start > read.Access.Location.SourceSpan.Start);

                    // 'if (!IsLeader) return; Send(_term);' where 'IsLeader' reads '_isLeader' under the lock: the check
                    // and the read that follows it are two snapshots (set be R03, a heartbeat for a term the node no
                    // longer leads). Only where the member does not change either itself.
                    // A member that also reads the partner without the lock is told by the pair above, from that read.
                    var checkedUnderLock = !unlockedToo && !second.WrittenIn.Contains(read.Member)
                        && !second.Accesses.Exists(other => other.Access.Kind == AccessKind.Read && other.Locks.Length == 0
                                                            && SymbolEqualityComparer.Default.Equals(other.Member, read.Member))
                        && second.Accesses.Exists(other => other.Access.Kind == AccessKind.Read && Holds(other, first.Guard, write: false)
                                                           && (SymbolEqualityComparer.Default.Equals(other.Member, read.Member)
                                                                   ? other.Access.Location.SourceSpan.Start < read.Access.Location.SourceSpan.Start
                                                                   : ReadsProperty(read.Member, other.Member)));
                    if (!(unlockedToo || checkedUnderLock)
                        || (checkedUnderLock && first.State is IFieldSymbol && second.State is IFieldSymbol
                            && OneShotFlag.WrittenOnceWith(_type, first.State.Name, second.State.Name, _cancellationToken))
                        || !reported.Add(new CompositeKey(read.Member, first.Guard)))
                    {
                        // A field written once, with a flag raised for good ('if (!_completed) { _completed = true;
                        // _error = error; }' under the lock): a reader that saw the flag raised reads the one error
                        // stored with it.
                        continue;
                    }

                    var lockName = LockDisplayName(first.Guard);
                    findings.Add(DiagnosticIds.InconsistentSynchronization, read.Access.Location, reason.Location(read), first.State, first.Guard is IMethodSymbol ? null : lockName,
                        [first.Name, "read", lockName, $"in '{Display(together)}' ({first.Count} of {first.Accesses.Count} accesses)",
                         unlockedToo
                             ? $"{reason.Describe(read)}; '{Display(read.Member)}' then reads '{second.Name}' without it too, which '{Display(together)}' changes together with '{first.Name}' under the lock, so the two can come from different updates"
                             : $"{reason.Describe(read)}; '{Display(read.Member)}' reads '{second.Name}' under the lock and this after releasing it, while '{Display(together)}' changes the two together under the lock, so the two can come from different updates"]);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="member"/>'s code names the property whose getter <paramref name="getter"/> is (<c>if (!IsLeader) return;</c>).</summary>
    private bool ReadsProperty(IMethodSymbol member, IMethodSymbol getter)
        => getter is { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property }
           && member.DeclaringSyntaxReferences.Any(reference => SourceWords.IdentifiersNamed(reference.GetSyntax(_cancellationToken), property.Name).Any());

    /// <summary>
    /// Whether the collection at <paramref name="location"/> is the source of a query method (<c>_changes.Where(…)</c>),
    /// not of a view (<c>AsReadOnly()</c>, <c>Keys</c>) nor returned itself: told apart for the message only.
    /// </summary>
    private bool IsQuerySource(Location location)
        => location.SourceTree?.GetRoot(_cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true) is { } node
           && ((node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: not "AsReadOnly" } access && access.Expression == node
                && access.Parent is InvocationExpressionSyntax)
               || node.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax }); // 'Enumerable.Skip(_changes, 1)'

    /// <summary>Whether <paramref name="state"/>'s values are collections that are not safe for concurrent use (<c>Dictionary&lt;Type, List&lt;Delegate&gt;&gt;</c>).</summary>
    private bool HoldsCollections(ISymbol state)
        => (state is IFieldSymbol field ? field.Type : (state as IPropertySymbol)?.Type) is INamedTypeSymbol { TypeArguments: var arguments }
           && arguments.Any(_types.IsUnsafeCollection);

    /// <summary>
    /// Reports the races on one state, or on the values held in it (<paramref name="values"/>): those only where a
    /// lock guards them, since a value taken out once and used by one caller alone is common and correct.
    /// </summary>
    private void ReportState(ISymbol state, List<Reached> accesses, Concurrency reason, bool usedAtomically, SyntaxTree? tree, RaceFindings findings, bool values = false)
    {
        var name = values ? state.Name + "[…]" : state.Name;
        // Sorted so that the counts and the quoted guard member do not depend on dictionary order.
        // A partial type's accesses are in several files: by file, then by position.
        accesses.Sort((a, b) =>
        {
            var byFile = string.CompareOrdinal(a.Access.Location.SourceTree?.FilePath, b.Access.Location.SourceTree?.FilePath);
            return byFile != 0 ? byFile : a.Access.Location.SourceSpan.Start.CompareTo(b.Access.Location.SourceSpan.Start);
        });
        var isCollection = accesses.Exists(a => a.Access.Kind is AccessKind.CollectionMutation or AccessKind.CollectionRead);
        var (guard, guarded) = Guard(accesses);
        var volatileField = state is IFieldSymbol { IsVolatile: true };
        // The guard is held at a write; or, for a read-modify-write that does not hold it, at a read: a counter that
        // 'TotalCreated' reads under the lock and 'RentAsync' increments outside it loses increments all the same.
        var guardedAtWrite = guard is not null && accesses.Exists(a => a.Access.Kind is AccessKind.Write or AccessKind.CollectionMutation && Holds(a, guard, write: true));
        // A static lock is taken for the type's static state: an instance field read under it (a total copied into a
        // static list) is not in its charge unless it is also written under it, since each instance may be one caller's.
        var readOnlyUnderStaticLock = guard is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true } && !state.IsStatic;
        var guardedAtRead = guard is not null && !guardedAtWrite && !readOnlyUnderStaticLock
            && accesses.Exists(a => a.Access is { Kind: AccessKind.Write, IsCompound: true } && !Holds(a, guard, write: true));

        // So is a store by a disposal that runs beside the type's members (see DisposedFlag): it swaps out what they use
        // under the lock (set as R08: the batch buffer, read under the lock by the timer's flush, returned to the pool).
        bool IsDisposalSwap(Reached a) => a.Access.Kind == AccessKind.Write && a.Entry is { } entry && IsDisposal(entry) && !Holds(a, guard!, write: true);
        var disposalSwapped = guard is not null && !guardedAtWrite && !readOnlyUnderStaticLock && accesses.Exists(IsDisposalSwap);
        guardedAtRead |= disposalSwapped;

        // Of the values, a read of their contents under the lock (a snapshot, an enumeration) shows that the lock
        // guards them too: a change taken outside it runs into that read (an index's postings list filled after the
        // lock that handed it out is released, while a query copies it under the lock).
        var guardedAtValueRead = values && guard is not null && !guardedAtWrite && !readOnlyUnderStaticLock
            && accesses.Exists(a => a.Access.Kind == AccessKind.CollectionRead && Holds(a, guard, write: false));
        // A change under the read side of the lock that another member takes for writing is told as such.
        var writer = guard is not null ? accesses.Find(a => Holds(a, guard, write: true)) : null;
        var guardedBranch = guard is not null && guarded * 2 >= accesses.Count && (guardedAtWrite || guardedAtRead || guardedAtValueRead);
        var lockedForItAlone = false;
        if (guard is not null && !guardedBranch && !values && !readOnlyUnderStaticLock && LockedForItAlone(state, guard, accesses)
            && accesses.Exists(a => a is { ByCaller: true, Access: { Kind: AccessKind.Write, LosesNothing: false, Deferred: false } } && !Holds(a, guard, write: true)))
        {
            // 'lock (_gate) { token = _recallCts.Token; }' in one member, '_recallCts = new CancellationTokenSource();' in
            // another without it (set am R06): a lock taken to read this field and nothing else says the field is
            // guarded by it, however few of its accesses hold it; a store without it, by a member the callers call, of
            // a value that is not a constant, is the inconsistency ('_state = 1' beside a locked getter loses nothing).
            guardedBranch = true;
            guardedAtRead = false;
            lockedForItAlone = true;
        }

        if (guard is not null && (writer is not null || guardedBranch))
        {
            ReportReadLockedChanges(state, name, accesses, guard, writer, reason, tree, findings);
        }
        else if (guard is not null && values)
        {
            // A read-modify-write of a held object's member ('wheel.Turns++') under only the read lock races with
            // itself: other callers hold the read lock at the same time (set v R08).
            ReportReadLockedChanges(state, name, accesses, guard, writer, reason, tree, findings, compoundOnly: true);
        }

        if (guard is not null && guardedBranch)
        {
            var holder = accesses.Find(a => Holds(a, guard, write: guardedAtWrite))!;
            foreach (var access in accesses)
            {
                // A read under the read side of the guard excludes the writers, which take the write side (prometheus-net's
                // GetStaticLabels copies its struct of labels under EnterReadLock).
                if (Holds(access, guard, write: access.Access.Kind is not (AccessKind.CollectionRead or AccessKind.Read)) || !InTree(access, tree)
                    || IsReadLockedChange(access, guard) || AfterEveryOtherWriterJoined(access, accesses)
                    || access.Access.HeldMember is not null || InCleanupAfterOnceRegion(access, accesses)
                    || (!access.Access.Escapes && HeldAtEveryAccess(access, accesses))
                    || SetUpWhileClosed(access, accesses, guard)
                    || (access.Access is { Kind: AccessKind.Write, IsCompound: false } && LockedGates.IsRelease(access.Access.Location, _cancellationToken))
                    || (access.Access.Escapes && FilledOnceUnderLock(state, accesses)))
                {
                    // A store into a scratch object the type keeps is told only where nothing guards it (FL1001): its
                    // reads are not recorded, so a lock taken around its stores alone would not end the race.
                    continue;
                }

                if (guardedAtRead && access.Access is not { Kind: AccessKind.Write, IsCompound: true } && !(disposalSwapped && IsDisposalSwap(access)))
                {
                    continue; // guarded at a read only: only the lost update, or the disposal's swap, is certain
                }

                if (access.Access.Kind == AccessKind.CollectionRead && !values && !accesses.Exists(a => a.Access.Kind == AccessKind.CollectionMutation)
                    && !ChangedThroughAlias(state))
                {
                    // Copy on write: the lock only orders the replacements of the field ('var next = new List<T>(handlers);
                    // next.Add(h); handlers = next;'), and nothing changes a collection once it is stored, so an
                    // enumeration outside the lock walks one whole snapshot (EasyNetQ's event handlers).
                    continue;
                }

                if (values && access.Access.Kind != AccessKind.CollectionMutation
                    && !(access.Access.Kind == AccessKind.CollectionRead && guardedAtWrite && HoldsCollections(state)))
                {
                    // Of the values, only a change outside the lock is reported, and a read of a collection the lock
                    // changes (set ab R08: a hub's handler list enumerated after the lookup's lock is released, while
                    // 'Subscribe' adds to it under the lock): a stale field of an object is not, a list changing under
                    // its enumeration is.
                    continue;
                }

                // A check outside the lock that decides an update made under it (set ah R04: a token bucket's
                // 'if (_tokens < 1) return false; lock (_gate) { _tokens -= 1; }').
                var decided = access.Access.Kind == AccessKind.Read ? DecidedLockedUpdate(state, access, accesses, guard) : null;
                var decidedOther = access.Access.Kind == AccessKind.Read && decided is null && !values ? DecidedLockedUpdateOfOther(state, access, accesses, guard) : null;
                decided ??= decidedOther?.Line;
                var verb = access.Access.Kind switch
                {
                    AccessKind.Read when decided is not null => "checked",

                    // Even a constant or an immutable value breaks what the guard protects (Cancel reads, then nulls).
                    AccessKind.Write when !(volatileField && !access.Access.IsCompound) => "written",
                    AccessKind.CollectionMutation => "modified",
                    AccessKind.CollectionRead => "read",

                    // A struct of several fields is copied field by field: an unlocked copy can mix two updates.
                    AccessKind.Read when access.Access.WholeCopy || StoreFacts.IsTearable(state is IFieldSymbol f ? f.Type : ((IPropertySymbol)state).Type) => "read",
                    _ => null,
                };
                if (verb is null)
                {
                    continue;
                }

                var lockName = LockDisplayName(guard);

                // The member named as changing a handed-out collection is one that changes it under the guard, not
                // the first one that holds the guard (SmartThreadPool's 'Contains' only reads).
                var changer = accesses.Find(a => a.Access.Kind is AccessKind.CollectionMutation or AccessKind.Write && Holds(a, guard, write: true)) ?? holder;
                var why = access.Access.Escapes
                    ? IsQuerySource(access.Access.Location)
                        ? $"{reason.Describe(access)}; '{Display(access.Member)}' returns a query over the collection, which reads it only when its callers enumerate it, after the lock is released, while '{Display(changer.Member)}' changes it (make a copy under the lock: ToList())"
                        : $"{reason.Describe(access)}; '{Display(access.Member)}' returns the collection itself, so its callers read it after the lock is released while '{Display(changer.Member)}' changes it (return a copy made under the lock)"
                    : decidedOther is { } other
                        ? $"{reason.Describe(access)}; the check decides the update of '{other.State.Name}' at line {other.Line}, which takes '{lockName}' only after it, so '{Display(other.Writer)}' can change '{name}' and use '{other.State.Name}' in between (check it again under the lock)"
                    : decided is { } line
                        ? $"{reason.Describe(access)}; the check decides the update at line {line}, which takes '{lockName}' only after it, so another caller can change '{name}' in between (check it again under the lock)"
                        : reason.Describe(access);
                if (access.Access.WholeCopy && (state is IFieldSymbol { Type: IArrayTypeSymbol array } ? array : (state as IPropertySymbol)?.Type as IArrayTypeSymbol) is { } elements)
                {
                    why += $"; an element is a '{elements.ElementType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' of several fields, copied one field at a time, so the copy can mix two updates";
                }

                findings.Add(DiagnosticIds.InconsistentSynchronization, access.Access.Location, reason.Location(access), state, guard is IMethodSymbol ? null : lockName,
                    [name, access.Access.Escapes ? "handed out" : verb, lockName,
                     lockedForItAlone ? $"in '{Display(holder.Member)}', which takes it for this field alone ({guarded} of {accesses.Count} accesses)" : $"in '{Display(holder.Member)}' ({guarded} of {accesses.Count} accesses)", why]);
            }

            return;
        }

        if (values)
        {
            return;
        }

        // A declared type's state that only its own callback touches (a single reader's pump, started once by the
        // constructor) is that callback's: its callers share the object, not that state.
        // A caller's access after it awaited the task the callback runs as ('await _writeLoop' where the constructor
        // stored '_writeLoop = Task.Run(WriteLoopAsync)') comes after all of the callback's accesses.
        var starts = accesses.Where(a => !a.ByCaller && a.Start is not null).Select(a => a.Start!).ToList();
        // So is a caller's access between a single-run work's check and its start: no run is left then (set am C31).
        var singleRuns = SingleRuns();
        var sharedWithCallers = accesses.Exists(a => a.ByCaller && !(starts.Count > 0 && AfterJoin(a, starts)) && !BeforeSingleRunStart(a, singleRuns));
        var copied = accesses.Exists(a => a.Access.WholeCopy);
        var otherThanLoopWrites = accesses.Exists(a => a.Alone is null && a.Access.Kind == AccessKind.Write && !a.Locks.Any(l => l.AllowsWrites));
        var heldStoresTold = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var access in accesses)
        {
            if (copied && access.Access.Kind == AccessKind.Write && !access.Locks.Any(l => l.AllowsWrites) && InTree(access, tree)
                && TornCopy(access, accesses, reason) is { } copy)
            {
                var type = (state is IFieldSymbol field ? field.Type : ((IPropertySymbol)state).Type).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                findings.Add(DiagnosticIds.SharedStateMutation, access.Access.Location, reason.Location(access), state, null,
                    [state.Name, Display(access.Member),
                     $"{reason.Describe(access)}; '{Display(copy.Member)}' copies it at line {copy.Access.Location.GetLineSpan().StartLinePosition.Line + 1} meanwhile, and a '{type}' is copied field by field, so it can be read half-written"]);
                continue;
            }

            var takesBesideAtomic = access.Access.Takes && usedAtomically;
            var checkedAt = access.Access.LosesNothing && reason.Declared && access.ByCaller && sharedWithCallers && access.Access.Kind == AccessKind.Write
                ? CheckedThenSet(state, access)
                : null;
            if (access.Locks.Any(l => l.AllowsWrites && !IsPerKeyLock(l)) || !InTree(access, tree) || (access.Access.LosesNothing && !takesBesideAtomic && checkedAt is null))
            {
                continue;
            }

            if (checkedAt is { } line)
            {
                // 'if (!_flushing) { _flushing = true; _ = FlushAsync(); }' in a member callers call at once (set ap R16).
                findings.Add(DiagnosticIds.SharedStateMutation, access.Access.Location, reason.Location(access), state, null,
                    [state.Name, Display(access.Member),
                     $"{reason.Describe(access)}; the check at line {line} decides this store, and two callers can both pass the check before either stores it, so what the 'if' does then runs twice (Interlocked.CompareExchange makes the check and the store one step)"]);
                continue;
            }

            // A type that merely synchronizes something says little about this field: only a field it also updates
            // atomically elsewhere (mixed Interlocked and '++') is a lost update for sure. [ThreadSafe] says it all.
            // An entry that runs alone (a hosted service's loop, a single-reader channel's reader) does not run beside
            // itself: its '++' of a field used atomically loses an update only to another writer of the field.
            // A lock looked up per key does not exclude the callers with other keys: say so, since a lock is in sight.
            // A collection changed under one is reported even where the type declares nothing: its author took a lock to
            // change it, so expects callers at once, and took one that callers with other keys do not share (set aj R12:
            // bookings for two instructors add to the list of every lesson together).
            var perKey = access.Locks.FirstOrDefault(l => l.AllowsWrites && IsPerKeyLock(l)) is { Symbol: { } keyed }
                ? $"; the lock it holds, '{LockDisplayName(keyed)}', is looked up per key, so callers with other keys hold other locks"
                : string.Empty;
            var lostBeside = access.Alone is null ? usedAtomically : otherThanLoopWrites;
            var loses = (access.Access.IsCompound && (lostBeside || (reason.Declared && sharedWithCallers) || access.Publishers is not null))
                        || (reason.Declared && sharedWithCallers && !volatileField) || takesBesideAtomic;
            if (access.Access.Kind == AccessKind.Write && loses && !(access.Access.SplitUpdate && IsOwnIndexOfHandshake(state, access, accesses)))
            {
                var why = access.Access.AfterSwapOf is { } swapped
                    ? $"{reason.Describe(access)}; it is stored after the compare-and-swap of '{swapped.Name}' succeeded, and another caller's swap can succeed before this store lands, so the two fields can disagree"
                    : access.Access.SplitUpdate
                        ? $"{reason.Describe(access)}; it reads '{state.Name}' and writes it back in two atomic steps, so an update made between them is lost (Interlocked.Add or a compare-and-swap loop makes it one)"
                        : reason.Describe(access);
                if (access.Access.HeldMember is { } held)
                {
                    // A scratch object filled by several stores: told once per member, at its first store.
                    if (heldStoresTold.Add(access.Member))
                    {
                        findings.Add(DiagnosticIds.SharedStateMutation, access.Access.Location, reason.Location(access), state, null,
                            [$"{state.Name}.{held.Name}", Display(access.Member), why + perKey], heldObject: true);
                    }

                    continue;
                }

                findings.Add(DiagnosticIds.SharedStateMutation, access.Access.Location, reason.Location(access), state, null,
                    [state.Name, Display(access.Member), why + perKey]);
            }
            else if (access.Access.Kind == AccessKind.CollectionMutation && isCollection
                     && ((reason.Declared && sharedWithCallers) || access.Publishers is not null || (access.Alone is not null && sharedWithCallers)
                         || (perKey.Length > 0 && sharedWithCallers)))
            {
                var type = (state is IFieldSymbol field ? field.Type : ((IPropertySymbol)state).Type).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                var why = reason.Describe(access) + perKey;
                if (access.Alone is not null && !reason.Declared && access.Publishers is null
                    && accesses.Find(a => a.ByCaller && a.Access.Kind is AccessKind.CollectionRead or AccessKind.CollectionMutation) is { } caller)
                {
                    // The loop alone says nothing of who else is there: name the member that uses the collection meanwhile.
                    why += $"; '{Display(caller.Member)}' {(caller.Access.Kind == AccessKind.CollectionRead ? "reads" : "changes")} it meanwhile (line {caller.Access.Location.GetLineSpan().StartLinePosition.Line + 1})";
                }

                findings.Add(DiagnosticIds.CollectionMutatedConcurrently, access.Access.Location, reason.Location(access), state, null,
                    [state.Name, type, Display(access.Member), why]);
            }
        }
    }

    /// <summary>
    /// The line of the <c>if</c> whose condition reads <paramref name="state"/> and whose branch stores a literal into it
    /// at <paramref name="access"/> and does something more (<c>if (!_flushing) { _flushing = true; _ = FlushAsync(); }</c>),
    /// or null. A branch that only stores the flag (<c>if (!_warned) _warned = true;</c>) is the same whoever runs it.
    /// </summary>
    private int? CheckedThenSet(ISymbol state, Reached access)
    {
        if (access.Access.Location.SourceTree is not { } tree
            || tree.GetRoot(_cancellationToken).FindNode(access.Access.Location.SourceSpan, getInnermostNodeForTie: true) is not { } write
            || write.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { Expression: AssignmentExpressionSyntax { Right: LiteralExpressionSyntax } } store)
        {
            return null; // a value that is not a constant ('_token = token') is a publication, told or not by the other checks
        }

        foreach (var ancestor in store.Ancestors())
        {
            switch (ancestor)
            {
                case IfStatementSyntax check when check.Statement.Span.Contains(store.Span):
                    var reads = SourceWords.AnyToken(check.Condition, t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == state.Name);
                    var more = check.Statement is BlockSyntax { Statements.Count: > 1 };
                    return reads && more ? check.GetLocation().GetLineSpan().StartLinePosition.Line + 1 : null;
                case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or LockStatementSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The <c>if</c> whose condition holds the read at <paramref name="access"/>, with its tree and member, and whether
    /// its branch leaves the member (a <c>return</c> or <c>throw</c>, alone or last in a block); null when the read is
    /// not in an <c>if</c>'s condition.
    /// </summary>
    private (SyntaxTree Tree, IfStatementSyntax Check, MemberDeclarationSyntax Member, bool BranchLeaves)? CheckAround(Reached access)
    {
        if (access.Access.Location.SourceTree is not { } tree
            || tree.GetRoot(_cancellationToken).FindNode(access.Access.Location.SourceSpan, getInnermostNodeForTie: true) is not { } read
            || read.FirstAncestorOrSelf<StatementSyntax>() is not IfStatementSyntax check
            || !check.Condition.Span.Contains(read.Span)
            || check.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
        {
            return null;
        }

        var branchLeaves = check.Statement is ReturnStatementSyntax or ThrowStatementSyntax
            || check.Statement is BlockSyntax { Statements: { Count: > 0 } statements } && statements[statements.Count - 1] is ReturnStatementSyntax or ThrowStatementSyntax;
        return (tree, check, member, branchLeaves);
    }

    /// <summary>Whether the check decides what runs at <paramref name="span"/>: in its branch, or after it in the member when the branch leaves.</summary>
    private static bool Decides(IfStatementSyntax check, MemberDeclarationSyntax member, bool branchLeaves, TextSpan span)
        => check.Statement.Span.Contains(span) || (branchLeaves && span.Start > check.Span.End && member.Span.Contains(span));

    /// <summary>
    /// The line of the update of <paramref name="state"/> under <paramref name="guard"/> that the unlocked read at
    /// <paramref name="access"/> decides, or null: the read is in an <c>if</c>'s condition, and a read-modify-write of
    /// the state in a <c>lock</c> statement follows in its branch, or after it when the branch leaves the member, with
    /// no new look at the state inside the lock before the update (a double-checked form looks again).
    /// </summary>
    private int? DecidedLockedUpdate(ISymbol state, Reached access, List<Reached> accesses, ISymbol guard)
    {
        if (CheckAround(access) is not var (tree, check, member, branchLeaves))
        {
            return null;
        }

        foreach (var write in accesses)
        {
            if (write.Access is not { Kind: AccessKind.Write, IsCompound: true } || write.Access.Location.SourceTree != tree || !Holds(write, guard, write: true))
            {
                continue;
            }

            var update = write.Access.Location.SourceSpan;
            if (!Decides(check, member, branchLeaves, update)
                || tree.GetRoot(_cancellationToken).FindNode(update).FirstAncestorOrSelf<LockStatementSyntax>() is not { } region
                || region.SpanStart < check.SpanStart
                || SourceWords.AnyToken(region.Statement, t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == state.Name && t.SpanStart < update.Start))
            {
                continue;
            }

            return write.Access.Location.GetLineSpan().StartLinePosition.Line + 1;
        }

        return null;
    }

    /// <summary>
    /// For an unlocked check of a flag that only <paramref name="guard"/>'s holders change (set ba R12: a subject's
    /// <c>if (_isStopped) { …; return; }</c> before <c>lock (_gate) { …add the observer… }</c>, while the completion
    /// sets <c>_isStopped</c> and takes the observers in one lock region): the other state the check's lock region then
    /// changes, that region's line, and the member that changes the flag and uses that state under the same lock. Null
    /// when the region looks at the flag again (the double-checked form), when the flag is set by a disposal (using an
    /// object while it is disposed is the caller's mistake), or when the flag's writer does not use that state.
    /// </summary>
    private (ISymbol State, int Line, IMethodSymbol Writer)? DecidedLockedUpdateOfOther(ISymbol state, Reached access, List<Reached> accesses, ISymbol guard)
    {
        var writers = accesses.FindAll(a => a.Access.Kind == AccessKind.Write);
        if (writers.Count == 0 || !writers.TrueForAll(w => Holds(w, guard, write: true) && !IsDisposal(w.Member) && !SymbolEqualityComparer.Default.Equals(w.Member, access.Member))
            || CheckAround(access) is not var (tree, check, member, branchLeaves))
        {
            return null;
        }

        foreach (var update in _allReached)
        {
            if (update.Access.OnValue
                || SymbolEqualityComparer.Default.Equals(update.Access.State, state) || update.Access.Location.SourceTree != tree
                || !SymbolEqualityComparer.Default.Equals(update.Member, access.Member) || !Holds(update, guard, write: true))
            {
                continue;
            }

            var span = update.Access.Location.SourceSpan;
            if (!Decides(check, member, branchLeaves, span)
                || tree.GetRoot(_cancellationToken).FindNode(span).FirstAncestorOrSelf<LockStatementSyntax>() is not { } region
                || region.SpanStart < check.SpanStart
                || SourceWords.AnyToken(region.Statement, t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == state.Name)
                || (update.Access.Kind is AccessKind.Write or AccessKind.CollectionMutation ? update.Access.Location : AtomicStore(region.Statement, update.Access.State.Name)) is not { } stored)
            {
                continue;
            }

            // The flag's writer uses the updated state under the same lock: what the check let through lands after it.
            foreach (var writer in writers)
            {
                foreach (var used in _allReached)
                {
                    if (SymbolEqualityComparer.Default.Equals(used.Member, writer.Member) && SymbolEqualityComparer.Default.Equals(used.Access.State, update.Access.State)
                        && Holds(used, guard, write: false))
                    {
                        return (update.Access.State, stored.GetLineSpan().StartLinePosition.Line + 1, writer.Member);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="region"/> stores into the field named <paramref name="name"/> with <c>Volatile.Write</c>, <c>Interlocked.Exchange</c> or <c>CompareExchange</c>, or null.</summary>
    private static Location? AtomicStore(SyntaxNode region, string name)
        => region.DescendantNodes().OfType<ArgumentSyntax>().FirstOrDefault(argument =>
            argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword)
            && argument.Expression is IdentifierNameSyntax { Identifier.ValueText: var named } && named == name
            && argument.Parent?.Parent is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Write" or "Exchange" or "CompareExchange" } })?.GetLocation();

    /// <summary>
    /// Whether the read-then-<c>Volatile.Write</c> of <paramref name="state"/> at <paramref name="access"/> is one
    /// side's index of a single-producer, single-consumer handshake (set ah C26, a ring of audio frames): the member
    /// that writes it is its only writer and reads the other side's index with <c>Volatile.Read</c>, and another
    /// member writes that index with <c>Volatile.Write</c> and reads this one with <c>Volatile.Read</c>. Each index has
    /// one writer by the design, so the two steps lose nothing; several producers would be the callers' mistake, which
    /// the type cannot show.
    /// </summary>
    private bool IsOwnIndexOfHandshake(ISymbol state, Reached access, List<Reached> accesses)
    {
        if (access.Access.Location.SourceTree is not { } tree
            || tree.GetRoot(_cancellationToken).FindNode(access.Access.Location.SourceSpan).FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } writer)
        {
            return false;
        }

        foreach (var other in accesses)
        {
            if (other.Access.Kind == AccessKind.Write && (other.Access.Location.SourceTree != tree || !writer.Span.Contains(other.Access.Location.SourceSpan)))
            {
                return false;
            }
        }

        var othersIndexes = VolatileTargets(writer, "Read");
        othersIndexes.Remove(state.Name);
        if (othersIndexes.Count == 0)
        {
            return false;
        }

        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                if (member != writer && VolatileTargets(member, "Read").Contains(state.Name) && VolatileTargets(member, "Write").Overlaps(othersIndexes))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The names of the fields <paramref name="node"/> passes by reference to <c>Volatile.Read</c> or <c>Volatile.Write</c>.</summary>
    private static HashSet<string> VolatileTargets(SyntaxNode node, string method)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in node.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Volatile" }, Name.Identifier.ValueText: var name }
                && name == method
                && call.ArgumentList.Arguments.FirstOrDefault() is { RefKindKeyword.ValueText: "ref", Expression: var target })
            {
                switch (target)
                {
                    case IdentifierNameSyntax field:
                        names.Add(field.Identifier.ValueText);
                        break;
                    case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var field }:
                        names.Add(field.Identifier.ValueText);
                        break;
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Changes made while holding only the read side of the reader-writer lock that guards the state (and that
    /// <paramref name="writer"/>, when there is one, takes for writing; set q R10: a sample store whose <c>Record</c>
    /// adds under <c>EnterReadLock</c>): other readers hold the read lock at the same time, so the change races with
    /// them and with the other changes made under it.
    /// </summary>
    private void ReportReadLockedChanges(ISymbol state, string name, List<Reached> accesses, ISymbol guard, Reached? writer, Concurrency reason, SyntaxTree? tree, RaceFindings findings, bool compoundOnly = false)
    {
        foreach (var access in accesses)
        {
            if (!IsReadLockedChange(access, guard) || !InTree(access, tree) || (compoundOnly && !access.Access.IsCompound)
                || (access.Access.Kind == AccessKind.Write && access.Access.LosesNothing && !access.Access.IsCompound))
            {
                continue;
            }

            var why = $"{reason.Describe(access)}; it holds only the read lock of '{LockDisplayName(guard)}' here, which other readers hold at the same time"
                      + (writer is not null ? $", while '{Display(writer.Member)}' takes it for writing" : string.Empty);
            if (access.Access.Kind == AccessKind.CollectionMutation)
            {
                var type = (state is IFieldSymbol field ? field.Type : ((IPropertySymbol)state).Type).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                findings.Add(DiagnosticIds.CollectionMutatedConcurrently, access.Access.Location, reason.Location(access), state, null,
                    [name, access.Access.OnValue ? "value of " + type : type, Display(access.Member), why]);
            }
            else
            {
                findings.Add(DiagnosticIds.SharedStateMutation, access.Access.Location, reason.Location(access), state, null, [name, Display(access.Member), why]);
            }
        }
    }

    /// <summary>
    /// A copy of the whole of a struct of several fields (see <see cref="MemberAccess.WholeCopy"/>) that runs beside the
    /// store <paramref name="store"/>: one of them in an entry that runs alone (a hosted service's loop) and the other in
    /// a member callers call, or both in members of a type that declares itself shared (set q R09: an operator's new
    /// setpoint stored while the dosing loop copies it).
    /// </summary>
    private static Reached? TornCopy(Reached store, List<Reached> accesses, Concurrency reason)
        => accesses.Find(read => read.Access is { Kind: AccessKind.Read, WholeCopy: true }
                                 && ((store.Alone is not null && read.ByCaller) || (store.ByCaller && read.Alone is not null)
                                     || (reason.Declared && store.ByCaller && read.ByCaller)));

    private static bool IsReadLockedChange(Reached access, ISymbol guard)
        => access.Access.Kind is AccessKind.Write or AccessKind.CollectionMutation && Holds(access, guard, write: false) && !access.Locks.Any(l => l.AllowsWrites);

    /// <summary>
    /// Whether <paramref name="access"/> follows, in its method, an <c>await</c> (or <c>Wait()</c>) of a field of the
    /// type that holds only the task started where the callback was handed out (one of <paramref name="starts"/>).
    /// </summary>
    private bool AfterJoin(Reached access, List<Location> starts) => JoinsBefore(access, name => HoldsOnlyStartedTask(name, starts));

    /// <summary>Whether the method of <paramref name="access"/> waits, before it, for the work held in a field <paramref name="joined"/> accepts.</summary>
    private bool JoinsBefore(Reached access, Func<string, bool> joined) => JoinsBefore(access.Access.Location, joined);

    /// <summary>Whether the method around <paramref name="location"/> waits, before it, for the work held in a field <paramref name="joined"/> accepts.</summary>
    private bool JoinsBefore(Location location, Func<string, bool> joined)
    {
        if (location.SourceTree is not { } tree
            || tree.GetRoot(_cancellationToken).FindNode(location.SourceSpan).FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is not { } method)
        {
            return false;
        }

        foreach (var node in method.DescendantNodes())
        {
            if (node.SpanStart >= location.SourceSpan.Start)
            {
                break;
            }

            var name = FieldNames.WaitedFor(node) switch
            {
                IdentifierNameSyntax field => FieldCopiedInto(method, field.Identifier.ValueText) ?? field.Identifier.ValueText,
                { } waited => FieldNames.Written(waited),
                null => null,
            };
            if (name is not null && joined(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether every change of <paramref name="state"/> fills it once, under a lock, while it is null (see
    /// <see cref="FilledOnce"/>), and every other access, the hand-out among them, is inside a <c>lock</c>: a fast path
    /// that reads the field without one (<c>var index = Volatile.Read(ref _byCode); if (index != null) return index;</c>)
    /// can find it stored and still being filled (race sets as R14, aw R16).
    /// </summary>
    private bool FilledOnceUnderLock(ISymbol state, List<Reached> accesses)
    {
        if (state is not IFieldSymbol)
        {
            return false;
        }

        var changes = new List<Location>();
        foreach (var access in accesses)
        {
            if (access.Access.Kind is AccessKind.Write or AccessKind.CollectionMutation)
            {
                changes.Add(access.Access.Location);
            }
            else if (!FilledOnce.InLock(access.Access.Location, _cancellationToken))
            {
                return false;
            }
        }

        return FilledOnce.Holds(state.Name, changes, _type, _cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="access"/> is in a callback registered on a token (<c>token.Register(() =&gt; …)</c>, run
    /// at most once) inside a lock region that runs once (<c>lock (_lock) { if (_source != null) return …; … _source =
    /// …; … }</c>, the field checked first being stored in the region before the registration), and every other access
    /// of the state is in that callback or in the region before it: the callback runs after all of them, and no later
    /// run of the region reaches them again (Foundatio's shutdown watcher, disposed and nulled by the token's callback).
    /// </summary>
    private static bool InCleanupAfterOnceRegion(Reached access, List<Reached> accesses)
    {
        if (access.Access.Location.SourceTree is not { } tree
            || tree.GetRoot().FindNode(access.Access.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
            || node.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { } callback
            || callback.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Register" or "UnsafeRegister" } } } }
            || callback.FirstAncestorOrSelf<LockStatementSyntax>() is not { Statement: BlockSyntax { Statements.Count: > 0 } body } region
            || body.Statements[0] is not IfStatementSyntax { Condition: var check, Statement: var early }
            || (early is BlockSyntax { Statements.Count: 1 } block ? block.Statements[0] : early) is not ReturnStatementSyntax
            || NullCheckedReads.CheckedName(check) is not { } published || !NullCheckedReads.ChecksNotNull(check, published)
            || !body.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(store => store.SpanStart < callback.SpanStart
                   && store.Left is IdentifierNameSyntax { Identifier.ValueText: var stored } && stored == published))
        {
            return false;
        }

        foreach (var other in accesses)
        {
            var span = other.Access.Location.SourceSpan;
            if (other.Access.Location.SourceTree != tree
                || !(callback.Span.Contains(span) || region.Span.Contains(span) && span.End <= callback.SpanStart))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether every other change of the state is made by work the type started (a thread, a task), and
    /// <paramref name="access"/> comes after its method joined all of it (set ag C31: a sampler thread adds readings
    /// under the pause lock; <c>Stop</c> joins the thread, then copies them without the lock).
    /// </summary>
    private bool AfterEveryOtherWriterJoined(Reached access, List<Reached> accesses)
    {
        if (!access.ByCaller)
        {
            return false;
        }

        string? joined = null;
        foreach (var other in accesses)
        {
            if (other == access || other.Access.Kind is not (AccessKind.Write or AccessKind.CollectionMutation))
            {
                continue;
            }

            if (WorkFieldOf(other.Member) is not { } field || (joined is not null && joined != field))
            {
                return false;
            }

            joined = field;
        }

        return joined is not null && JoinsBefore(access, name => name == joined);
    }

    /// <summary>
    /// The field that holds the only thread or task that runs <paramref name="method"/>: every mention of its name in
    /// the type is a call inside a lambda given to <c>new Thread(…)</c> or <c>Task.Run(…)</c> whose result is stored
    /// in that field (<c>_thread = new Thread(() => Sample(interval));</c>).
    /// </summary>
    private string? WorkFieldOf(IMethodSymbol method)
    {
        if (method.DeclaredAccessibility != Accessibility.Private)
        {
            return null;
        }

        string? field = null;
        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(_cancellationToken), method.Name))
            {
                if (token.Parent is not IdentifierNameSyntax name || name.Parent is not InvocationExpressionSyntax)
                {
                    if (token.Parent is MethodDeclarationSyntax)
                    {
                        continue; // the declaration itself
                    }

                    return null;
                }

                var lambda = name.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>();
                var work = lambda?.Parent is ArgumentSyntax { Parent.Parent: var creator } ? creator : null;
                var created = StartsWork(work) ? work : null;
                var target = created?.Parent is AssignmentExpressionSyntax { Left: var left } assignment && assignment.Right == created ? left : null;
                var stored = target switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText,
                    _ => null,
                };
                if (stored is null || (field is not null && field != stored)
                    || !_type.GetMembers(stored).Any(member => member is IFieldSymbol { Type.Name: "Thread" or "Task" }))
                {
                    return null;
                }

                field = stored;
            }
        }

        return field;
    }

    /// <summary>Whether <paramref name="node"/>, given a delegate, runs it on another thread: <c>Task.Run</c>, <c>Task.Factory.StartNew</c>, <c>new Thread</c>.</summary>
    internal static bool StartsWork(SyntaxNode? node) => node is
        ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: "Thread" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Thread" } }
        or InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run" or "StartNew" } };

    /// <summary>
    /// The field a local of <paramref name="method"/> was declared from (<c>var thread = _thread ?? throw …;</c>,
    /// <c>var worker = _worker!;</c>), or null.
    /// </summary>
    private static string? FieldCopiedInto(BaseMethodDeclarationSyntax method, string local)
    {
        foreach (var token in SourceWords.IdentifiersNamed(method, local))
        {
            if (token.Parent is VariableDeclaratorSyntax { Initializer.Value: var value })
            {
                while (value is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce)
                {
                    value = coalesce.Left;
                }

                value = value is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed ? suppressed.Operand : value;
                return value switch
                {
                    IdentifierNameSyntax field => field.Identifier.ValueText,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var field } => field.Identifier.ValueText,
                    _ => null,
                };
            }
        }

        return null;
    }

    /// <summary>Whether every value the type stores in its field <paramref name="name"/> is a task started at one of <paramref name="starts"/>.</summary>
    private bool HoldsOnlyStartedTask(string name, List<Location> starts)
    {
        if (!_type.GetMembers(name).Any(member => member is IFieldSymbol { Type.Name: "Task" or "ValueTask" }))
        {
            return false;
        }

        var stored = 0;
        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(_cancellationToken).DescendantNodes())
            {
                var value = node switch
                {
                    AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment when target.Identifier.ValueText == name => assignment.Right,
                    AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var target } } assignment
                        when target.Identifier.ValueText == name => assignment.Right,
                    VariableDeclaratorSyntax { Initializer: { } initializer } declarator when declarator.Identifier.ValueText == name => initializer.Value,
                    _ => null,
                };
                if (value is null or LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression })
                {
                    continue; // no task: a wait on it would throw before anything after it runs
                }

                if (!starts.Exists(start => start.SourceTree == value.SyntaxTree && value.Span.Contains(start.SourceSpan)))
                {
                    return false;
                }

                stored++;
            }
        }

        return stored > 0;
    }

    private static bool InTree(Reached access, SyntaxTree? tree) => tree is null || access.Access.Location.SourceTree == tree;

    /// <summary>
    /// A lock body whose statements only store values into locals or return one, calling nothing
    /// (<c>{ token = _recall.Token; }</c>, <c>{ return _state; }</c>).
    /// </summary>
    private static bool IsSnapshotRead(StatementSyntax body)
    {
        var statements = body is BlockSyntax block ? (IEnumerable<StatementSyntax>)block.Statements : [body];
        var any = false;
        foreach (var statement in statements)
        {
            var value = statement switch
            {
                ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax, Right: var right } } => right,
                LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } when variables[0].Initializer is { } initializer => initializer.Value,
                ReturnStatementSyntax { Expression: { } returned } => returned,
                _ => null,
            };
            if (value is null || value.DescendantNodesAndSelf().Any(node => node is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>
    /// The lock a callback handed out at <paramref name="start"/> runs under when it is an observer of an observable
    /// that Rx's <c>Synchronize(gate)</c> serializes right before the subscription
    /// (<c>source.Connect().Synchronize(SynchronizationGate).SubscribeSafe(onNext: OnSourceNext, …)</c>, DynamicData's
    /// operators): the operator takes <c>lock (gate)</c> around every notification it passes on. None otherwise.
    /// </summary>
    private ImmutableArray<HeldLock> SynchronizedBy(Location? start)
    {
        if (start?.SourceTree is not { } tree
            || tree.GetRoot(_cancellationToken).FindNode(start.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentSyntax>() is not
                { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var subscribe, Expression: InvocationExpressionSyntax synchronize } } } }
            || !subscribe.StartsWith("Subscribe", StringComparison.Ordinal)
            || synchronize is not { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Synchronize" }, ArgumentList.Arguments: { Count: 1 } arguments }
            || _semanticModels(tree).GetSymbolInfo(synchronize, _cancellationToken).Symbol is not IMethodSymbol { ContainingType: { Name: "Observable" } observable }
            || observable.ContainingNamespace?.ToDisplayString() != "System.Reactive.Linq"
            || SynchronizationFacts.LockSymbol(_semanticModels(tree).GetOperation(arguments[0].Expression, _cancellationToken)) is not { } gate)
        {
            return ImmutableArray<HeldLock>.Empty;
        }

        return ImmutableArray.Create(new HeldLock(gate, allowsWrites: true));
    }

    /// <summary>
    /// The accesses of one state as the places they reach: when stores go into an array's elements at two or more
    /// constant indices, one list per index, each with the accesses at no constant index (any element); else the one list.
    /// </summary>
    private static IEnumerable<List<Reached>> ByConstantElement(List<Reached> accesses)
    {
        var indices = new SortedSet<int>();
        foreach (var access in accesses)
        {
            if (access.Access.ElementIndex is { } index)
            {
                indices.Add(index);
            }
        }

        if (indices.Count < 2)
        {
            yield return accesses;
            yield break;
        }

        foreach (var index in indices)
        {
            yield return accesses.FindAll(access => access.Access.ElementIndex is null || access.Access.ElementIndex == index);
        }
    }

    /// <summary>
    /// Whether one of the accesses holding <paramref name="guard"/> is in a <c>lock</c> statement that only reads
    /// <paramref name="state"/> into a local or returns it (see <see cref="IsSnapshotRead"/>) and names no other field
    /// or property of the type: the lock is taken for this state alone. A lock around work done with the field's object
    /// (NLog's <c>lock (LockObject) { _logWriter?.WriteLine(line); }</c>) serializes that work instead.
    /// </summary>
    private bool LockedForItAlone(ISymbol state, ISymbol guard, List<Reached> accesses)
    {
        HashSet<string>? others = null;
        foreach (var access in accesses)
        {
            if (!Holds(access, guard, write: false) || access.Access.Location.SourceTree is not { } tree
                || tree.GetRoot(_cancellationToken).FindNode(access.Access.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<LockStatementSyntax>() is not { } region)
            {
                continue;
            }

            if (others is null)
            {
                others = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in _type.GetMembers())
                {
                    if (member is IFieldSymbol or IPropertySymbol && member.Name != state.Name)
                    {
                        others.Add(member.Name);
                    }
                }
            }

            if (IsSnapshotRead(region.Statement)
                && !SourceWords.AnyToken(region.Statement, token => token.IsKind(SyntaxKind.IdentifierToken) && others.Contains(token.ValueText)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The lock held at most accesses, among locks that are this type's own state (a field, <c>this</c> or a gate flag).</summary>
    private (ISymbol? Guard, int Count) Guard(List<Reached> accesses)
    {
        var counts = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
        foreach (var access in accesses)
        {
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var held in access.Locks)
            {
                if (held.Symbol is { } symbol && IsOwnLock(symbol) && seen.Add(symbol))
                {
                    counts[symbol] = counts.TryGetValue(symbol, out var count) ? count + 1 : 1;
                }
            }
        }

        ISymbol? best = null;
        var bestCount = 0;
        foreach (var pair in counts)
        {
            if (pair.Value > bestCount || (pair.Value == bestCount && best is not null && string.CompareOrdinal(pair.Key.Name, best.Name) < 0))
            {
                best = pair.Key;
                bestCount = pair.Value;
            }
        }

        return (best, bestCount);
    }

    private bool IsOwnLock(ISymbol symbol) => symbol switch
    {
        ITypeSymbol type => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _type),
        IFieldSymbol or IPropertySymbol => SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, _type),
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="held"/> is a lock looked up by a key (<c>var gate = _gates.GetOrAdd(sheetId, …);</c>, or a
    /// helper of the type that returns such a lookup): it excludes only the callers with the same key, so it guards
    /// nothing that every key shares (set ag R04: per-sheet semaphores around one dictionary of recent sheets).
    /// </summary>
    private bool IsPerKeyLock(HeldLock held)
    {
        if (held.Symbol is IMethodSymbol lockHelper)
        {
            // 'lock (LockFor(species))' (SynchronizationFacts.KeyedLockHelper); a gate helper (GateFacts) is not one.
            return SynchronizationFacts.IsKeyedLockHelper(lockHelper);
        }

        if (held.Symbol is IFieldSymbol or IPropertySymbol && held.Symbol.ContainingType is { } owner
            && !SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, _type.OriginalDefinition))
        {
            if (!_memberLocksPerKey.TryGetValue(held.Symbol, out var perKey))
            {
                _memberLocksPerKey[held.Symbol] = perKey = LockedOnlyThroughKeyedLookups(held.Symbol);
            }

            return perKey;
        }

        if (held.Symbol is ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } outLocal
            && outLocal.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is SingleVariableDesignationSyntax
            {
                Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword, Parent: ArgumentListSyntax { Arguments.Count: > 1, Parent: InvocationExpressionSyntax lookup } } },
            }
            && lookup.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGetValue" or "TryRemove" })
        {
            // '_lots.TryGetValue(lotId, out var lot)' and then 'lock (lot)': each key's object is its own lock (set ay R02).
            return true;
        }

        if (held.Symbol is not ILocalSymbol local
            || local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var value })
        {
            return false;
        }

        if (value is AwaitExpressionSyntax awaited)
        {
            value = awaited.Expression;
        }

        if (value is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var helper } } helperCall && helperCall.ArgumentList.Arguments.Count > 0)
        {
            // A helper of the type that returns the lookup ('private SemaphoreSlim GateFor(string id) => _gates.GetOrAdd(id, …);').
            return _type.GetMembers(helper).OfType<IMethodSymbol>().Any(SynchronizationFacts.IsKeyedLockHelper);
        }

        return SynchronizationFacts.IsKeyedLookup(value);
    }

    private readonly Dictionary<ISymbol, bool> _memberLocksPerKey = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Whether every <c>lock</c> of the type's code on <paramref name="member"/>, a lock object another type's objects
    /// hold, takes it from an object looked up by a key: <c>var instructor = _instructors[name]; lock (instructor.Gate)</c>,
    /// or after <c>TryGetValue(key, out var entry)</c> (set aj R12). Each key's object has its own lock.
    /// </summary>
    private bool LockedOnlyThroughKeyedLookups(ISymbol member)
    {
        var found = false;
        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            foreach (var region in reference.GetSyntax(_cancellationToken).DescendantNodes().OfType<LockStatementSyntax>())
            {
                if (region.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name, Expression: IdentifierNameSyntax { Identifier.ValueText: var receiver } }
                    || name != member.Name)
                {
                    continue;
                }

                if (region.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } body || !DeclaredFromKeyedLookup(body, receiver, region.SpanStart))
                {
                    return false;
                }

                found = true;
            }
        }

        return found;
    }

    /// <summary>Whether the local <paramref name="name"/> is declared in <paramref name="body"/> before <paramref name="before"/> from a keyed lookup.</summary>
    internal static bool DeclaredFromKeyedLookup(SyntaxNode body, string name, int before)
    {
        foreach (var token in SourceWords.IdentifiersNamed(body, name))
        {
            if (token.SpanStart >= before)
            {
                break;
            }

            switch (token.Parent)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var value }:
                    return SynchronizationFacts.IsKeyedLookup(value);
                case SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } } }:
                    return call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGetValue" };
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="access"/> is made where its member's first checks say the object is closed, and every
    /// access that holds <paramref name="guard"/> and can conflict with it is made where the checks of its own member
    /// say the object is open, or runs only as part of a member that opens or closes the object when this one is such
    /// a member too (see <see cref="FlagPhases"/>): NetCoreServer's <c>Connect</c> sets up its buffers after
    /// <c>if (IsConnected || IsConnecting) return false;</c>, <c>SendAsync</c> and <c>TrySend</c> return at once
    /// unless <c>IsConnected</c>, and <c>ClearBuffers</c> runs only in <c>Disconnect</c>, whoever calls it.
    /// </summary>
    private bool SetUpWhileClosed(Reached access, List<Reached> accesses, ISymbol guard)
    {
        if (access.Access.Deferred || access.Start is not null || access.Access.Location.SourceTree is null)
        {
            return false;
        }

        _phases ??= new FlagPhases(_type, _cancellationToken);
        var closed = _phases.At(access.Member, access.Access.Location.SourceSpan.Start);
        if (closed.Count == 0)
        {
            return false;
        }

        var lifecycle = FlagPhases.Lifecycle(access.Member);
        foreach (var other in accesses)
        {
            if (SymbolEqualityComparer.Default.Equals(other.Member, access.Member) || !Holds(other, guard, write: false)
                || (!Changes(access) && !Changes(other)))
            {
                continue;
            }

            if (lifecycle && _phases.InLifecycle(other.Member))
            {
                continue; // opening and closing members are ordered by their callers, whoever they are
            }

            if (other.Access.Deferred || !FlagPhases.Exclude(closed, _phases.At(other.Member, other.Access.Location.SourceSpan.Start)))
            {
                return false;
            }
        }

        return true;

        static bool Changes(Reached one) => one.Access.Kind is AccessKind.Write or AccessKind.CollectionMutation;
    }

    private static bool Holds(Reached access, ISymbol guard, bool write)
    {
        foreach (var held in access.Locks)
        {
            if ((held.AllowsWrites || !write) && held.Symbol is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, guard))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a lock held at <paramref name="access"/> is held at every access of its state, though it is not the
    /// state's guard: a lock of another type that the library's own callers hold around every call in (see
    /// <see cref="SerializedByLibraryCallers"/>; a child object its owner created and calls only inside the owner's
    /// lock) orders them all the same.
    /// </summary>
    private bool HeldAtEveryAccess(Reached access, List<Reached> accesses)
    {
        foreach (var held in access.Locks)
        {
            if (!held.AllowsWrites || held.Symbol is not { } symbol || IsPerKeyLock(held))
            {
                continue;
            }

            if (accesses.TrueForAll(other => Holds(other, symbol, write: true)))
            {
                return true;
            }
        }

        return false;
    }

    private string LockDisplayName(ISymbol guard) => guard switch
    {
        ITypeSymbol => "this",
        IMethodSymbol gate => gate.Name + "()", // a gate helper (GateFacts): no lock statement can hold it, so no fix either
        _ => guard.Name,
    };

    /// <summary>
    /// The state a type that synchronizes (without declaring itself thread-safe) can be reported on: what the methods
    /// that synchronize write or change, through calls, while holding a lock that excludes writers (guarded: only such
    /// state can have a guard, see <see cref="ReportState"/>, and then every access counts), and the rest of what they
    /// update atomically (only a compound write of it can be reported). Every lock region and atomic call is in such a method (see <see cref="MethodSyntaxFacts"/>).
    /// </summary>
    private (HashSet<ISymbol> Guarded, HashSet<ISymbol> AtomicOnly) ReportableStates(List<MethodSummary> decisive)
    {
        var reached = new Dictionary<CompositeKey, Reached>();
        foreach (var summary in decisive)
        {
            Compose(summary, ImmutableArray<HeldLock>.Empty, deferredOnly: false, 0, new HashSet<CompositeKey>(), null, reached);
        }

        var states = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var access in reached.Values)
        {
            // Read under a lock too: a read-modify-write elsewhere without it is a lost update (see ReportState).
            // A change under a read lock only: other readers hold it at once (see ReportReadLockedChanges).
            if ((access.Access.Kind is AccessKind.Write or AccessKind.CollectionMutation or AccessKind.Read && access.Locks.Any(l => l.AllowsWrites))
                || (access.Access.Kind is AccessKind.Write or AccessKind.CollectionMutation && !access.Locks.IsEmpty && !access.Locks.Any(l => l.AllowsWrites)))
            {
                states.Add(access.Access.State);
            }
        }

        var atomicOnly = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var summary in decisive)
        {
            atomicOnly.UnionWith(summary.AtomicState);
        }

        atomicOnly.ExceptWith(states);
        return (states, atomicOnly);
    }

    /// <summary>
    /// Whether <paramref name="receiver"/> (a name, or a member access of names) may be this type or one deriving from
    /// it: bound on its own as a type, which binds no body. A name that is not a type is a value, never <c>this</c>.
    /// </summary>
    private bool MayDenoteOwnType(ExpressionSyntax receiver) => ByReceiverText(_receiverDenotesOwnType, receiver, DenotesOwnType);

    /// <summary>
    /// Whether <paramref name="receiver"/> (a name, or a member access of names, not spelled <c>Interlocked</c> or
    /// <c>Volatile</c>) may still denote one of those types, through an alias: never without an alias of one in scope
    /// (read from the using directives' text, once per file), else bound on its own as a type. A value (a field, a
    /// local) binds to no type.
    /// </summary>
    private bool MayDenoteAtomicType(ExpressionSyntax receiver)
    {
        var tree = receiver.SyntaxTree;
        if (!_atomicAliasInFile.TryGetValue(tree, out var mayAlias))
        {
            _atomicAliasInFile[tree] = mayAlias = SynchronizationImports.MayAliasAtomicType(tree, _semanticModels(tree).Compilation, _cancellationToken);
        }

        return mayAlias && ByReceiverText(_receiverDenotesAtomicType, receiver, name =>
        {
            var bound = SpeculativeType.Of(name, _semanticModels(name.SyntaxTree));
            return bound is not null and not INamedTypeSymbol
                || ConcurrencyTypes.Is(bound, _types.Interlocked) || ConcurrencyTypes.Is(bound, _types.Volatile);
        });
    }

    private readonly Dictionary<SyntaxTree, bool> _atomicAliasInFile = new();

    /// <summary>
    /// An answer about a receiver, kept per file, namespace block and receiver text: the same receiver (an enum such
    /// as 'LogLevel' before each of its members, a field such as 'writer') recurs across a type's methods and binds
    /// alike anywhere in one file and namespace block, except where a generic method's type parameter may be what it
    /// names.
    /// </summary>
    private static bool ByReceiverText(Dictionary<CompositeKey, object> answers, ExpressionSyntax receiver, Func<ExpressionSyntax, bool> compute)
    {
        var key = InGenericMethod(receiver) ? null : new CompositeKey(receiver.SyntaxTree, receiver.ToString(), number: receiver.FirstAncestorOrSelf<BaseNamespaceDeclarationSyntax>()?.SpanStart ?? -1);
        if (key is not null && answers.TryGetValue(key, out var cached))
        {
            return cached == Yes;
        }

        var result = compute(receiver);
        if (key is not null)
        {
            answers[key] = result ? Yes : No;
        }

        return result;
    }

    /// <summary>The answers <see cref="ByReceiverText"/> keeps (objects: see <see cref="CompositeKey"/>).</summary>
    private static readonly object Yes = new(), No = new();

    private static bool InGenericMethod(SyntaxNode node)
    {
        for (var ancestor = node.Parent; ancestor is not null and not TypeDeclarationSyntax; ancestor = ancestor.Parent)
        {
            if (ancestor is MethodDeclarationSyntax { TypeParameterList: not null } or LocalFunctionStatementSyntax { TypeParameterList: not null })
            {
                return true;
            }
        }

        return false;
    }

    private bool DenotesOwnType(ExpressionSyntax receiver)
    {
        if (SpeculativeType.Of(receiver, _semanticModels(receiver.SyntaxTree)) is not { } bound)
        {
            return false;
        }

        for (var type = bound as INamedTypeSymbol; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _type))
            {
                return true;
            }
        }

        return bound is not INamedTypeSymbol; // a type parameter or anything else unusual: keep it
    }

    private bool CanReachReportableState(IMethodSymbol method)
        => _reportable is null || !_declaredIndex.TryGetValue(method, out var index) || _reportable.CanReach(index);

    /// <summary>Why the type's members run concurrently, or null when nothing says they do.</summary>
    private Concurrency? Reason(List<MethodSummary> methods)
    {
        if (_declaration.Kind is DeclaredConcurrency.Kind.Declared or DeclaredConcurrency.Kind.Contract or DeclaredConcurrency.Kind.PerRequest)
        {
            return new Concurrency(_type, declared: true, _declaration.Why) { StaticOnly = _declaration.Kind == DeclaredConcurrency.Kind.PerRequest };
        }

        foreach (var summary in methods)
        {
            if (summary.Synchronization is { } how && summary.Method.MethodKind is not (MethodKind.Constructor or MethodKind.StaticConstructor))
            {
                return new Concurrency(_type, declared: false, $"'{_type.Name}' synchronizes its own state ('{Display(summary.Method)}' {how})");
            }
        }

        // A lock that is a member of an object the type looks up by key ('lock (instructor.Gate)'): the type takes it to
        // let callers in at once, one per key (set aj R12).
        foreach (var summary in methods)
        {
            if (summary.Method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
            {
                continue;
            }

            foreach (var access in summary.Accesses)
            {
                foreach (var held in access.Locks)
                {
                    if (held.AllowsWrites && held.Symbol is IFieldSymbol or IPropertySymbol && IsPerKeyLock(held))
                    {
                        return new Concurrency(_type, declared: false, $"'{_type.Name}' synchronizes its own state ('{Display(summary.Method)}' locks the '{held.Symbol.Name}' of each {held.Symbol.ContainingType.Name} it looks up)");
                    }
                }
            }
        }

        // The host runs a hosted service's loop beside whatever the application calls on the service: only what the
        // loop and the members both touch can be reported (see RunsAlone).
        return LexicalLocking.IsHostedService(_type)
            ? new Concurrency(_type, declared: false, because: null)
            : null;
    }

    /// <summary>
    /// The concurrent entries: non-private members (callers may call them at once), the type's own methods used as
    /// delegates (thread bodies and callbacks), members that run alone beside the others (<see cref="RunsAlone"/>;
    /// their description, empty for a delegate), and the deferred code of constructors.
    /// </summary>
    private IEnumerable<(MethodSummary Entry, bool DeferredOnly, Location? Start, string? Alone, string? Publishers)> Entries(List<MethodSummary> methods)
    {
        var delegateStarts = new Dictionary<IMethodSymbol, Location>(SymbolEqualityComparer.Default);
        var loopSubscriptions = new Dictionary<IMethodSymbol, (Location Reference, string Event)>(SymbolEqualityComparer.Default);
        foreach (var summary in methods)
        {
            foreach (var (target, reference) in summary.DelegateTargets)
            {
                if (!delegateStarts.ContainsKey(target))
                {
                    delegateStarts[target] = reference;
                }

                if (!loopSubscriptions.ContainsKey(target) && LoopSubscription(reference) is { } raised)
                {
                    loopSubscriptions[target] = (reference, raised);
                }
            }
        }

        foreach (var summary in methods)
        {
            var method = summary.Method;
            if (method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor)
            {
                yield return (summary, true, null, null, null);
            }
            else if (summary.Synchronization is not null && loopSubscriptions.TryGetValue(method, out var subscription))
            {
                yield return (summary, false, subscription.Reference, null, subscription.Event);
            }
            else if (delegateStarts.TryGetValue(method, out var start))
            {
                yield return (summary, false, start, RunsAlone(method) is not null ? "" : null, null);
            }
            else if (RunsAlone(method) is { } alone && (SingleRun(method)?.Starts[0].Call ?? method.Locations.FirstOrDefault()) is { } declared)
            {
                yield return (summary, false, declared, alone, null);
            }
            else if (IsEntry(method))
            {
                yield return (summary, false, null, null, null);
            }
        }
    }

    /// <summary>
    /// What an entry that runs once at a time is, or null: a <c>BackgroundService</c>'s <c>ExecuteAsync</c>, which the
    /// host starts once and leaves running, a service loop of a type documented as shared (<see cref="RunLoopToken"/>),
    /// or the member that reads a channel the type created with <c>SingleReader = true</c> (the channel's contract: one
    /// reader at a time). Either runs beside every member the
    /// application calls on the object (a dashboard reading what the loop counts), but not beside itself.
    /// </summary>
    private string? RunsAlone(IMethodSymbol method)
    {
        if (!_runsAlone.TryGetValue(method, out var alone))
        {
            _runsAlone[method] = alone = FindRunsAlone(method);
        }

        return alone;
    }

    private readonly Dictionary<IMethodSymbol, string?> _runsAlone = new(SymbolEqualityComparer.Default);

    private string? FindRunsAlone(IMethodSymbol method)
    {
        if (method.IsOverride && method.Name == "ExecuteAsync" && LexicalLocking.IsHostedService(method.ContainingType))
        {
            return "the background loop of the hosted service";
        }

        if (method.MethodKind == MethodKind.Ordinary && DeclaredConcurrency.DocumentedOneAtATime(method, _cancellationToken) is { } phrase)
        {
            return $"'{method.Name}', documented as called one at a time (\"{phrase}\")";
        }

        if (SingleRun(method) is { } work)
        {
            return $"'{method.Name}', started only when no earlier run is left ('{work.Field}' is checked before each start, and cleared only after the run it holds has ended)";
        }

        if (_declaration.Kind == DeclaredConcurrency.Kind.Declared && RunLoopToken(method) is { } token)
        {
            return $"a loop that runs until '{token}' is cancelled, started once as a service's loop is";
        }

        _singleReaderChannels ??= SingleReaderChannels.Of(_type, _cancellationToken);
        return _singleReaderChannels.Count > 0 && SingleReaderChannels.ReadIn(method, _singleReaderChannels, _cancellationToken) is { } channel
            ? $"the reader of '{channel}', a channel created with SingleReader = true"
            : null;
    }

    /// <summary>
    /// The cancellation token of a service loop: an <c>async</c> method whose body holds, at its top level, a
    /// <c>while</c> whose condition reads its token parameter (<c>while (await timer.WaitForNextTickAsync(ct))</c>,
    /// <c>while (!ct.IsCancellationRequested)</c>). Its host starts it once and it runs until stopped, as a hosted
    /// service's <c>ExecuteAsync</c> does; in a type documented as shared, it runs beside the members callers call at
    /// once, not beside itself (set au C25: a game server's tick loop that owns the maze, beside input handlers "from
    /// any thread"). An <c>await foreach</c> over a channel is not one: a channel made with <c>SingleReader = false</c>
    /// says several such loops read it (see <see cref="SingleReaderChannels"/> for the other).
    /// </summary>
    private string? RunLoopToken(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || !method.IsAsync
            || method.Parameters.FirstOrDefault(p => p.Type is { Name: "CancellationToken", ContainingNamespace.Name: "Threading" }) is not { Name: var token })
        {
            return null;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is not MethodDeclarationSyntax { Body.Statements: var statements })
            {
                continue;
            }

            foreach (var statement in statements)
            {
                if (statement is WhileStatementSyntax { Condition: var condition }
                    && condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name => name.Identifier.ValueText == token))
                {
                    return token;
                }
            }
        }

        return null;
    }

    private HashSet<string>? _singleReaderChannels;

    /// <summary>
    /// The event name when <paramref name="reference"/> is a method group subscribed, inside a loop, to an event of
    /// another object (<c>foreach (var s in signals) s.AspectChanged += OnAspectChanged;</c>): every object the loop runs
    /// over raises it, each from where it runs (set q R12, signals that each raise from their own thread).
    /// </summary>
    private string? LoopSubscription(Location reference)
    {
        if (reference.SourceTree is not { } tree
            || tree.GetRoot(_cancellationToken).FindNode(reference.SourceSpan, getInnermostNodeForTie: true) is not { } node
            || node.Parent is not AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: not ThisExpressionSyntax } @event } subscription
            || !subscription.IsKind(SyntaxKind.AddAssignmentExpression) || subscription.Right != node)
        {
            return null;
        }

        foreach (var ancestor in subscription.Ancestors())
        {
            switch (ancestor)
            {
                case CommonForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return @event.Name.Identifier.ValueText;
                case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a member of the state's type copies the field into a local and changes the collection through it
    /// (<c>var current = _bookings; … current.Add(walkIn);</c>, set y R16): the stored list is changed in place after
    /// all, where the summaries see only a read of the field. Read from syntax at the field's name.
    /// </summary>
    private static bool ChangedThroughAlias(ISymbol state)
    {
        foreach (var reference in state.ContainingType.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax();
            foreach (var token in SourceWords.IdentifiersNamed(declaration, state.Name))
            {
                if (token.Parent is not IdentifierNameSyntax field
                    || (field.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == field ? access.Parent : field.Parent)
                        is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Identifier.ValueText: var local } declarator }
                    || declarator.FirstAncestorOrSelf<BlockSyntax>() is not { } block)
                {
                    continue;
                }

                foreach (var use in SourceWords.IdentifiersNamed(block, local))
                {
                    if (use.Parent is IdentifierNameSyntax name
                        && (name.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax, Name.Identifier.ValueText: var called } receiver && receiver.Expression == name && ConcurrencyTypes.IsMutatorName(called)
                            || name.Parent is ElementAccessExpressionSyntax { Parent: AssignmentExpressionSyntax assignment } element && element.Expression == name && assignment.Left == element))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The flag a disposal sets (<c>_disposed = true</c>) when the type's other members read it while holding one of
    /// its locks (<c>lock (_sync) { if (_disposed) return; … }</c>): the type is written to be used while, or after,
    /// it is disposed, so what its disposal changes beside the flag runs beside those members (set ar R15: the buffer
    /// returned to the pool and nulled outside the lock the recorder fills it under). The flag may also be a reference
    /// the disposal sets to <c>null</c> that the members null-check under their lock (<c>lock (_gate) { if (_writer is
    /// null) return false; _writer.Write(…); }</c>, set au R15). Null otherwise. A <c>bool</c> flag itself is a benign
    /// publication (each reader acts on either value), not judged; a nulled reference is what the members use, and is.
    /// </summary>
    private ISymbol? DisposedFlag(List<MethodSummary> methods, IMethodSymbol? stop = null)
        // A bool flag first: where there is one, a reference the disposal also nulls is judged as any other state.
        => DisposedFlagOfKind(methods, stop, isBool: true) ?? DisposedFlagOfKind(methods, stop, isBool: false);

    /// <summary>
    /// The flag of <see cref="DisposedFlag"/> of one kind, set by a disposal or by <paramref name="stop"/> (a stop that
    /// waits for the object's work, <see cref="StopsOwnWork"/>: <c>_running = false; _loop.Join();</c>).
    /// </summary>
    private ISymbol? DisposedFlagOfKind(List<MethodSummary> methods, IMethodSymbol? stop, bool isBool)
    {
        foreach (var disposal in methods)
        {
            if (!IsDisposal(disposal.Method) && !SymbolEqualityComparer.Default.Equals(disposal.Method, stop))
            {
                continue;
            }

            foreach (var access in disposal.Accesses)
            {
                if (access.Kind != AccessKind.Write || access.Deferred || access.State is not IFieldSymbol flag)
                {
                    continue;
                }

                if ((isBool ? flag.Type.SpecialType == SpecialType.System_Boolean : flag.Type.IsReferenceType && IsNullStore(access.Location))
                    && methods.Exists(other => !IsDisposal(other.Method)
                                               && other.Accesses.Any(read => read.Kind == AccessKind.Read && !read.Locks.IsEmpty
                                                                             && SymbolEqualityComparer.Default.Equals(read.State, flag)
                                                                             && (isBool || (IsDisposal(disposal.Method) ? IsNullCheck(read.Location) : IsNullGuard(read.Location))))))
                {
                    return flag;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the store at <paramref name="location"/> is <c>_field = null</c>.</summary>
    private bool IsNullStore(Location location)
        => location.SourceTree?.GetRoot(_cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true)
               .FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } };

    /// <summary>
    /// Whether the read at <paramref name="location"/> is a null check that leaves (<c>if (_writer is null) return;</c>):
    /// a member refusing to work once a stop has nulled the field, not a list's <c>if (_tail == null) _head = e;</c>.
    /// </summary>
    private bool IsNullGuard(Location location)
        => IsNullCheck(location)
           && location.SourceTree?.GetRoot(_cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<IfStatementSyntax>() is { Statement: var then }
           && (then is ReturnStatementSyntax or ThrowStatementSyntax || then is BlockSyntax { Statements: { Count: > 0 } statements } && statements[0] is ReturnStatementSyntax or ThrowStatementSyntax);

    /// <summary>
    /// Whether the read at <paramref name="location"/> is a null check that guards a use: <c>_f?.M()</c>, or <c>_f is
    /// null</c>, <c>_f != null</c> and the like as (part of) an <c>if</c>'s condition. A null check whose value is the
    /// answer (StackExchange.Redis' <c>TimerToken.IsRooted</c>: <c>return _strongRef is not null;</c>) says nothing
    /// about disposal.
    /// </summary>
    private bool IsNullCheck(Location location)
    {
        var node = location.SourceTree?.GetRoot(_cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        while (node?.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } or ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node?.Parent is ConditionalAccessExpressionSyntax conditional && conditional.Expression == node)
        {
            return true;
        }

        if (node?.Parent is not { } check || NullCheckedReads.CheckedName(check) is null)
        {
            return false; // not '_f is null', '_f != null' and the like (NullCheckedReads)
        }

        var condition = check;
        while (condition.Parent is ParenthesizedExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression }
               or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.LogicalAndExpression })
        {
            condition = condition.Parent;
        }

        return condition.Parent is IfStatementSyntax { Condition: var tested } && tested == condition;
    }

    /// <summary>
    /// Whether <paramref name="disposal"/> disposes one of the type's <c>System.Threading.Timer</c> fields with
    /// <c>Dispose()</c>, which does not wait for a callback already running (<c>Dispose(WaitHandle)</c> and an awaited
    /// <c>DisposeAsync()</c> do): what the disposal changes next runs beside that callback (set as R08: the batch buffer
    /// returned to the pool outside the lock under which the timer's flush writes it out).
    /// </summary>
    private bool DisposesTimerWithoutWaiting(IMethodSymbol disposal)
    {
        foreach (var reference in disposal.DeclaringSyntaxReferences)
        {
            foreach (var call in reference.GetSyntax(_cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var receiver = call switch
                {
                    { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose", Expression: var named } } => named,
                    { ArgumentList.Arguments.Count: 0, Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" }, Parent: ConditionalAccessExpressionSyntax { Expression: var named } } => named,
                    _ => null,
                };
                if (receiver is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self)
                {
                    receiver = self.Name;
                }

                if (receiver is IdentifierNameSyntax { Identifier.ValueText: var name }
                    && _type.GetMembers(name).OfType<IFieldSymbol>().Any(field => field.Type is INamedTypeSymbol
                       {
                           Name: "Timer", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } },
                       })
                    && CreatesTimerIn(name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the type creates the timer it keeps in the field <paramref name="name"/> itself (<c>_flushTimer = new
    /// Timer(_ =&gt; Flush(), …)</c>, or the field's initializer), so its callback is the type's code. A timer handed in
    /// from outside (StackExchange.Redis' <c>Message</c>, whose timer nothing of its own runs on) is not.
    /// </summary>
    private bool CreatesTimerIn(string name)
    {
        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(_cancellationToken).DescendantNodes())
            {
                var created = node switch
                {
                    AssignmentExpressionSyntax { Left: var target, Right: var value }
                        when (target is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self ? self.Name : target) is IdentifierNameSyntax { Identifier.ValueText: var assigned }
                             && assigned == name => value,
                    VariableDeclaratorSyntax { Initializer.Value: var initial } declarator when declarator.Identifier.ValueText == name => initial,
                    _ => null,
                };
                if (created is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDisposal(IMethodSymbol method)
        => method.MethodKind == MethodKind.Destructor
           || method.Name is "Dispose" or "DisposeAsync" or "System.IDisposable.Dispose" or "System.IAsyncDisposable.DisposeAsync";

    /// <summary>
    /// Whether <paramref name="method"/> stops the object: it waits for a thread or task that the type itself starts
    /// and keeps in a field (<c>_logicThread.Join()</c>, <c>await _loop</c>: <see cref="OwnWorkFields"/>), in its own
    /// body or in a method of the type it calls (a forwarding overload, a <c>CloseSocket()</c> helper), up to two calls
    /// deep. Like a disposal it ends the object's use: running it beside the object's other members is the caller's
    /// bug, and what it resets once the work has ended (LiteNetLib's <c>Stop</c>: the peer counter and the event queue,
    /// after joining the receive and logic threads) races with nothing the object runs.
    /// </summary>
    private bool StopsOwnWork(IMethodSymbol method) => DirectStops().Count > 0 && StopsOwnWorkAt(method, depth: 0);

    /// <summary>
    /// The type's methods that wait for its own work in their own body (see <see cref="OwnWorkFields"/>), found once
    /// per type from the methods whose text names such a field; most types have none, and then no call is followed.
    /// </summary>
    private HashSet<IMethodSymbol> DirectStops()
    {
        if (_directStops is not null)
        {
            return _directStops;
        }

        _directStops = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var fields = OwnWorkFields();
        if (fields.Count == 0)
        {
            return _directStops;
        }

        var names = fields.ToArray();
        foreach (var member in _type.GetMembers())
        {
            if (member is not IMethodSymbol { IsStatic: false } method)
            {
                continue;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (SourceWords.Any(reference.SyntaxTree.GetText(_cancellationToken), reference.Span, names)
                    && fields.Any(field => ConcurrencyModel.WaitsFor(reference.GetSyntax(_cancellationToken), field)))
                {
                    _directStops.Add(method);
                }
            }
        }

        return _directStops;
    }

    private HashSet<IMethodSymbol>? _directStops;

    /// <summary>
    /// <see cref="StopsOwnWork"/> at <paramref name="depth"/> calls from the entry asked about: each method
    /// is read once, and a method in a call cycle counts as not waiting while it is being read.
    /// </summary>
    private bool StopsOwnWorkAt(IMethodSymbol method, int depth)
    {
        _stops ??= new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        if (_stops.TryGetValue(method, out var known))
        {
            return known;
        }

        if (depth > 2)
        {
            return false;
        }

        _stops[method] = false;
        var stops = DirectStops().Contains(method);
        foreach (var reference in stops ? ImmutableArray<SyntaxReference>.Empty : method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(_cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax call
                    && RefusedWhileRunning.OwnMethodsCalled(method, call).Any(other => !other.IsStatic && StopsOwnWorkAt(other, depth + 1)))
                {
                    stops = true;
                    break;
                }
            }
        }

        // Only a definite answer is kept: one cut short by the depth may differ when the method is asked about first.
        if (stops || depth == 0)
        {
            _stops[method] = stops;
        }
        else
        {
            _stops.Remove(method);
        }

        return stops;
    }

    private Dictionary<IMethodSymbol, bool>? _stops;

    /// <summary>
    /// Whether the method around <paramref name="location"/> has, before it, waited for the object's own work
    /// (<see cref="OwnWorkFields"/>): itself (<c>_logicThread.Join();</c>), or in a method of the type it called
    /// (<c>CloseSocket();</c>, which joins the receive thread).
    /// </summary>
    private bool AfterOwnWorkWait(Location location)
    {
        if (location.SourceTree is not { } tree
            || tree.GetRoot(_cancellationToken).FindNode(location.SourceSpan).FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is not { } method)
        {
            return false;
        }

        var fields = OwnWorkFields();
        if (DirectStops().Count == 0)
        {
            return false;
        }

        foreach (var node in method.DescendantNodes())
        {
            if (node.SpanStart >= location.SourceSpan.Start)
            {
                break;
            }

            var waited = node is ConditionalAccessExpressionSyntax { Expression: var target, WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Join" or "Wait" } } }
                ? target
                : FieldNames.WaitedFor(node);
            var name = waited switch
            {
                IdentifierNameSyntax local => FieldCopiedInto(method, local.Identifier.ValueText) ?? local.Identifier.ValueText,
                { } other => FieldNames.Written(other),
                null => null,
            };
            if (name is not null && fields.Contains(name))
            {
                return true;
            }

            if (node is InvocationExpressionSyntax { Expression: var callee } && NullCheckedReads.NameOf(callee) is { } called
                && _type.GetMembers(called).Any(member => member is IMethodSymbol { IsStatic: false } other && StopsOwnWorkAt(other, depth: 1)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The names of the type's <c>Thread</c>, <c>Task</c> and <c>ValueTask</c> fields every value of which is work
    /// the type starts itself: <c>new Thread(…)</c>, <c>Task.Run(…)</c>, <c>Task.Factory.StartNew(…)</c>, or a call of
    /// one of its own methods (<c>_loop = RunAsync(ct)</c>). A task handed in from outside is not the object's work.
    /// </summary>
    private HashSet<string> OwnWorkFields()
    {
        if (_ownWorkFields is not null)
        {
            return _ownWorkFields;
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in _type.GetMembers())
        {
            if (member is IFieldSymbol { Type: INamedTypeSymbol { Name: "Thread" or "Task" or "ValueTask" } type } field
                && type.ContainingNamespace?.ToDisplayString() is "System.Threading" or "System.Threading.Tasks")
            {
                candidates.Add(field.Name);
            }
        }

        // The stores are found at the candidates' names in the text, not by a walk of every node of the type.
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates.ToList())
        {
            foreach (var reference in _type.DeclaringSyntaxReferences)
            {
                foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(_cancellationToken), candidate))
                {
                    var value = token.Parent switch
                    {
                        VariableDeclaratorSyntax { Initializer.Value: var initial } => initial,
                        _ => SourceWords.AssignmentTo(token)?.Right,
                    };
                    if (value is null || value is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression })
                    {
                        continue;
                    }

                    if (StartsWork(value) || StartsOwnMethod(value))
                    {
                        stored.Add(candidate);
                    }
                    else
                    {
                        candidates.Remove(candidate);
                    }
                }
            }
        }

        stored.IntersectWith(candidates);
        return _ownWorkFields = stored;
    }

    private HashSet<string>? _ownWorkFields;

    /// <summary>Whether <paramref name="value"/> calls one of the type's own methods by its simple name (<c>RunAsync(ct)</c>).</summary>
    private bool StartsOwnMethod(ExpressionSyntax value)
        => value is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name } }
           && _type.GetMembers(name).Any(member => member is IMethodSymbol);

    /// <summary>
    /// Whether callers may run <paramref name="method"/> at once: for a framework contract, the members it names; for a
    /// type that declares itself shared, its internal members as well (the library's own code shares its instances);
    /// otherwise what <see cref="IsCallable"/> says.
    /// </summary>
    private bool IsEntry(IMethodSymbol method)
    {
        switch (_declaration.Kind)
        {
            case DeclaredConcurrency.Kind.Contract when _declaration.Contract is { } contract:
                return DeclaredConcurrency.IsContractMember(method, contract);
            case DeclaredConcurrency.Kind.Declared or DeclaredConcurrency.Kind.PerRequest:
                var accessor = method.AssociatedSymbol ?? method;
                return IsCallable(method)
                       || IsCalledByNestedEntry(method)
                       || (_declaration.Contract is { } documented && DeclaredConcurrency.IsContractMember(method, documented))
                       || (method.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal
                           && accessor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal);
            default:
                return IsCallable(method) || IsCalledByNestedEntry(method) || IsLockingInternal(method);
        }
    }

    /// <summary>
    /// The flags an entry is composed with, for callers outside the type: a <c>bool</c> parameter named for a lock the
    /// caller holds (<c>channelsSemaphoreHeld</c>, <c>lockTaken</c>) is passed <c>true</c> only by a caller that holds it,
    /// so the code that runs for <c>true</c> is that caller's to guard, and only the <c>false</c> path is composed
    /// (RabbitMQ.Client's <c>DeleteRecordedChannelAsync</c>, which waits on the semaphore itself when told it is not held).
    /// </summary>
    private static ImmutableArray<(int Ordinal, bool Value)> HeldFlagsOf(IMethodSymbol method)
    {
        var flags = ImmutableArray<(int Ordinal, bool Value)>.Empty;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_Boolean && parameter.RefKind == RefKind.None && NamesAHeldLock(parameter.Name))
            {
                flags = flags.Add((parameter.Ordinal, false));
            }
        }

        return flags;
    }

    /// <summary>Whether a parameter's name says that a lock is held: <c>lockTaken</c>, <c>semaphoreHeld</c>, <c>gateAcquired</c>, <c>isLocked</c>.</summary>
    private static bool NamesAHeldLock(string name)
    {
        var endsAsHeld = false;
        foreach (var suffix in HeldSuffixes)
        {
            endsAsHeld |= name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
        }

        if (!endsAsHeld)
        {
            return false;
        }

        foreach (var word in LockWords)
        {
            if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] LockWords = ["lock", "semaphore", "gate", "mutex", "monitor"];

    private static readonly string[] HeldSuffixes = ["Held", "Taken", "Acquired", "Locked"];

    /// <summary>
    /// An internal method that takes the type's own lock to use state that another method changes under the same lock:
    /// the library's own code calls it beside the public members (a journal's <c>Checkpoint</c>, run by a timer loop in
    /// another class, reads under <c>_appendLock</c> the sequence number that request threads' <c>Append</c> advances
    /// under it), and the shared lock says that its author expects that. What it touches outside the lock runs at once
    /// with them. A lock taken only around the type's own setup (Npgsql's <c>Open</c> starts a keep-alive timer under
    /// <c>SyncObj</c>, before the connector is shared) shares nothing with the others, and a private method is composed
    /// through its callers instead.
    /// </summary>
    private bool IsLockingInternal(IMethodSymbol method)
    {
        if (method is not { MethodKind: MethodKind.Ordinary, IsOverride: false, DeclaredAccessibility: Accessibility.Internal or Accessibility.ProtectedOrInternal }
            || Summary(method) is not { LocksOwnState: true } summary)
        {
            return false;
        }

        // The locks the method takes itself (an access or a call inside its own lock region holds them): a lock its
        // callees take is theirs, and says nothing about why this method locks.
        var own = new HashSet<HeldLock>();
        foreach (var access in summary.Accesses)
        {
            own.UnionWith(access.Locks);
        }

        foreach (var call in summary.Calls)
        {
            own.UnionWith(call.Locks);
        }

        foreach (var access in Composed(summary))
        {
            var held = access.Access.Deferred ? ImmutableArray<HeldLock>.Empty : access.Locks.RemoveAll(one => !own.Contains(one));
            if (held.IsEmpty)
            {
                continue;
            }

            foreach (var other in _decisive)
            {
                if (other == summary)
                {
                    continue;
                }

                foreach (var change in Composed(other))
                {
                    if (change.Access.Kind is AccessKind.Write or AccessKind.CollectionMutation && !change.Access.Deferred
                        && SymbolEqualityComparer.Default.Equals(change.Access.State, access.Access.State) && SharesALock(change.Locks, held))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private readonly Dictionary<IMethodSymbol, List<Reached>> _composed = new(SymbolEqualityComparer.Default);

    /// <summary>What <paramref name="summary"/>'s method reaches through its calls, with the locks held at each access, for callers that hold nothing.</summary>
    private List<Reached> Composed(MethodSummary summary)
    {
        if (!_composed.TryGetValue(summary.Method, out var accesses))
        {
            var reached = new Dictionary<CompositeKey, Reached>();
            Compose(summary, ImmutableArray<HeldLock>.Empty, deferredOnly: false, 0, new HashSet<CompositeKey>(), start: null, reached, HeldFlagsOf(summary.Method));
            _composed[summary.Method] = accesses = new List<Reached>(reached.Values);
        }

        return accesses;
    }

    private static bool SharesALock(ImmutableArray<HeldLock> first, ImmutableArray<HeldLock> second)
    {
        foreach (var one in first)
        {
            foreach (var other in second)
            {
                if (one.Symbol is not null && SymbolEqualityComparer.Default.Equals(one.Symbol, other.Symbol))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a public member of one of the type's nested types calls <paramref name="method"/> (a scope object's
    /// <c>Dispose</c> calling back into its owner's private <c>End</c>), when a public member of the type returns such
    /// objects: callers hold them and call them on their own threads, so the method runs as often and as concurrently
    /// as a public one. Enumerators and streams are left out (used by one caller at a time by contract).
    /// </summary>
    private bool IsCalledByNestedEntry(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || IsCallable(method))
        {
            return false;
        }

        _nestedCallees ??= NestedCallees();
        return _nestedCallees.ContainsKey(method.OriginalDefinition);
    }

    /// <summary>
    /// Whether a member clients call returns a new instance of <paramref name="nested"/> (<c>return new Scope(this);</c>):
    /// then the callers hold it. One the type only keeps or hands to its own code (an observer it subscribes to a
    /// source, a struct an internal method returns to the library) is called where the type's own code decides.
    /// </summary>
    private bool IsHandedToCallers(INamedTypeSymbol nested)
    {
        if (_returnedNew is null)
        {
            _returnedNew = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in _type.GetMembers())
            {
                if (member is IMethodSymbol method && IsCallable(method))
                {
                    foreach (var reference in method.DeclaringSyntaxReferences)
                    {
                        _returnedNew.UnionWith(NestedScopes.ReturnedNew(reference.GetSyntax(_cancellationToken)));
                    }
                }
            }
        }

        return _returnedNew.Contains(nested.Name);
    }

    /// <summary>The names of the types whose new objects the type's public members return (see <see cref="IsHandedToCallers"/>).</summary>
    private HashSet<string>? _returnedNew;

    /// <summary>For a method <see cref="IsCalledByNestedEntry"/>, the nested member that calls it, as messages name it.</summary>
    private string? NestedCallerOf(IMethodSymbol method)
        => _nestedCallees is not null && _nestedCallees.TryGetValue(method.OriginalDefinition, out var caller) ? caller : null;

    private Dictionary<IMethodSymbol, string>? _nestedCallees;

    private Dictionary<IMethodSymbol, string> NestedCallees()
    {
        var callees = new Dictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in _type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && !IsCallable(method))
            {
                names.Add(method.Name);
            }
        }

        if (names.Count == 0)
        {
            return callees;
        }

        foreach (var nested in _type.GetTypeMembers())
        {
            if (IsSingleUserByContract(nested))
            {
                continue;
            }

            // The nested type's calls first (its code is small); whether the type hands such objects out reads the
            // type's own public members, so only when there is a call to ask about.
            var targets = new List<IMethodSymbol>();
            var callers = new List<string>();
            foreach (var member in nested.GetMembers())
            {
                if (member is not IMethodSymbol nestedMethod || !IsCallable(nestedMethod))
                {
                    continue;
                }

                foreach (var reference in nestedMethod.DeclaringSyntaxReferences)
                {
                    foreach (var call in reference.GetSyntax(_cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                        if (ConcurrentEntryFinder.InvokedName(call.Expression) is { } name && names.Contains(name)
                            && _semanticModels(reference.SyntaxTree).GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol target
                            && SymbolEqualityComparer.Default.Equals(target.ContainingType?.OriginalDefinition, _type.OriginalDefinition))
                        {
                            targets.Add(target.OriginalDefinition);
                            callers.Add($"{nested.Name}.{Display(nestedMethod)}");
                        }
                    }
                }
            }

            if (targets.Count > 0 && IsHandedToCallers(nested))
            {
                for (var i = 0; i < targets.Count; i++)
                {
                    if (!callees.ContainsKey(targets[i]))
                    {
                        callees[targets[i]] = callers[i];
                    }
                }
            }
        }

        return callees;
    }

    /// <summary>
    /// Members clients call: public ones and interface implementations. Protected members are called by the base
    /// type's template methods (often under the base's lock) and internal ones by the library's own code, whose call
    /// sites hold what they hold; treating them as entries made most reports on real libraries false (NLog's
    /// <c>Target.InitializeTarget</c>, called under <c>SyncRoot</c>).
    /// </summary>
    private static bool IsCallable(IMethodSymbol method)
    {
        var accessor = method.AssociatedSymbol ?? method;
        return method.DeclaredAccessibility == Accessibility.Public && accessor.DeclaredAccessibility == Accessibility.Public
            || method.MethodKind == MethodKind.ExplicitInterfaceImplementation
            || method.ExplicitInterfaceImplementations.Length > 0;
    }

    /// <summary>
    /// Streams, readers, writers and enumerators are documented as not for concurrent use: a lock inside one guards a
    /// resource it shares (LiteDB's <c>ConcurrentStream</c> locks the inner stream), not the wrapper's own state.
    /// </summary>
    private static bool IsSingleUserByContract(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ContainingNamespace?.ToDisplayString() == "System.IO" && current.Name is "Stream" or "TextReader" or "TextWriter")
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name == "IEnumerator" && implemented.ContainingNamespace?.ToDisplayString() is "System.Collections" or "System.Collections.Generic")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the type's syntax can synchronize at all: a <c>lock</c> statement, a synchronization type or call by
    /// name, or a <c>ThreadSafe</c> attribute. Checked before any body is bound, because most types in a file with
    /// a lock somewhere have none.
    /// </summary>
    public static bool MaySynchronize(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        // Read in the text of each declaration: a 'lock' statement or one of the names, as a word (comments and strings
        // only cost the analysis that follows). Walking each type's syntax nodes cost more than the search.
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (SourceWords.Any(reference.SyntaxTree.GetText(cancellationToken), reference.Span, SynchronizationWords))
            {
                return true;
            }
        }

        // Without those words, a synchronization type can still be named through an alias or a 'using static'
        // ('Atomic.Increment', 'Increment'), declared in the file or globally in another one.
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (SynchronizationImports.InFile(reference.SyntaxTree, cancellationToken))
            {
                return true;
            }
        }

        return SynchronizationImports.Global(compilation, cancellationToken);
    }

    /// <summary>
    /// Words without which no declaration synchronizes its own state: the <c>lock</c> keyword, the synchronization types
    /// and calls by name, and the <c>ThreadSafe</c> attribute. Also the model's per-file pre-check (ConcurrencyModel).
    /// </summary>
    public static readonly string[] SynchronizationWords =
    [
        "lock", "Monitor", "Interlocked", "Volatile", "SemaphoreSlim", "ReaderWriterLockSlim", "Lock", "SpinLock", "Mutex", "EnterScope",
        "ThreadSafe", "ThreadSafeAttribute",
    ];

    /// <summary>Whether the entry being composed is a member callers call (see <see cref="Reached.ByCaller"/>).</summary>
    private bool _composingByCaller;

    /// <summary>For an entry that runs alone, what it is (see <see cref="RunsAlone"/>); null for the others.</summary>
    private string? _composingAlone;

    private IMethodSymbol? _composingEntry;

    /// <summary>The type's methods' first checks of its flags, read when a report asks (see <see cref="SetUpWhileClosed"/>).</summary>
    private FlagPhases? _phases;

    /// <summary>Whether the entry being composed stops the object's own work (<see cref="StopsOwnWork"/>): what it does after the wait is left out.</summary>
    private bool _composingStop;

    /// <summary>State the entry being composed does not report on: a disposal's own disposed flag (<see cref="DisposedFlag"/>).</summary>
    private ISymbol? _composingSkipped;

    /// <summary>For a handler subscribed in a loop (see <see cref="LoopSubscription"/>), the event; null for the others.</summary>
    private string? _composingPublishers;

    // flags: the bool constants the caller passes to summary's method; what that method does only for the other value is
    // not reached from there (MemberAccess.SkippedWhen, OwnCall.SkippedWhen). Empty (default) for an entry.
    // blocked: a caller up the chain waits on its thread for the task of this call (OwnCall.Blocks), so what runs after
    // an await here still runs under that caller's locks.
    private void Compose(MethodSummary summary, ImmutableArray<HeldLock> inherited, bool deferredOnly, int depth, HashSet<CompositeKey> visited, Location? start, Dictionary<CompositeKey, Reached> reached, ImmutableArray<(int Ordinal, bool Value)> flags = default, bool blocked = false)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        flags = flags.IsDefault ? ImmutableArray<(int Ordinal, bool Value)>.Empty : flags;
        if (depth > MaxCallDepth || !visited.Add(new CompositeKey(summary.Method, blocked ? Key(inherited) + "#blocked" : Key(inherited), flags.IsEmpty ? null : Locks.OperationTree.FlagsKey(flags))))
        {
            return;
        }

        // An async method's code after its first await runs when its caller has returned and left its 'lock' (set bf R01:
        // a single-flight fetch, started under the gate, removes its entry in a 'finally' after the await).
        var continuationStart = blocked ? int.MaxValue : summary.ContinuationStart;
        var afterAwait = continuationStart == int.MaxValue ? inherited : inherited.RemoveAll(IsThreadAffine);
        foreach (var access in summary.Accesses)
        {
            if ((deferredOnly && !access.Deferred) || (access.SkippedWhen is { } skipped && flags.Contains(skipped))
                || (_composingSkipped is not null && SymbolEqualityComparer.Default.Equals(access.State, _composingSkipped))
                || (_composingStop && !access.Deferred && AfterOwnWorkWait(access.Location)))
            {
                continue;
            }

            var continues = !access.Deferred && access.Location.SourceSpan.Start >= continuationStart && afterAwait.Length < inherited.Length;
            var locks = access.Deferred ? access.Locks : (continues ? afterAwait : inherited).AddRange(access.Locks);
            var key = new CompositeKey(access.State, access.Location, Key(locks));
            var (byCaller, alone) = (_composingByCaller, _composingAlone);
            if (byCaller && PostedTo(access.Location.SourceTree, access.Location.SourceSpan.Start) is { } mailbox)
            {
                (byCaller, alone) = (false, PostedDescription(mailbox)); // run by the mailbox's one reader, not by the caller
            }

            if (!reached.TryGetValue(key, out var known))
            {
                reached[key] = new Reached(access, locks, summary.Method, start)
                {
                    ByCaller = byCaller, Alone = alone, Entry = _composingEntry, Publishers = _composingPublishers,
                    AfterAwait = continues ? AfterAwaitNote(summary.Method, inherited) : null,
                };
            }
            else
            {
                known.ByCaller |= byCaller;
            }
        }

        foreach (var call in summary.Calls)
        {
            if ((deferredOnly && !call.Deferred) || (call.SkippedWhen is { } skipped && flags.Contains(skipped))
                || !CanReachReportableState(call.Callee) || Summary(call.Callee) is not { } callee
                || (call.Deferred && SingleRun(call.Callee) is not null)) // single-run work is an entry of its own, running alone
            {
                continue;
            }

            var locks = call.Deferred ? call.Locks : (call.Position >= continuationStart ? afterAwait : inherited).AddRange(call.Locks);
            if (_composingByCaller && call.Position >= 0
                && PostedTo(summary.Method.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree, call.Position) is { } mailbox)
            {
                // A call in code posted to a mailbox: the callee runs on the mailbox's reader too.
                var (byCaller, alone) = (_composingByCaller, _composingAlone);
                (_composingByCaller, _composingAlone) = (false, PostedDescription(mailbox));
                Compose(callee, locks, deferredOnly: false, depth + 1, new HashSet<CompositeKey>(), start, reached, call.FlagsFor(flags), blocked && !call.Deferred || call.Blocks);
                (_composingByCaller, _composingAlone) = (byCaller, alone);
                continue;
            }

            Compose(callee, locks, deferredOnly: false, depth + 1, visited, start, reached, call.FlagsFor(flags), blocked && !call.Deferred || call.Blocks);
        }
    }

    /// <summary>For the message of an access an async method makes after its await, without the locks its caller held: which ones.</summary>
    private static string AfterAwaitNote(IMethodSymbol method, ImmutableArray<HeldLock> inherited)
    {
        var dropped = inherited.Where(IsThreadAffine).Select(held => $"'{held.Symbol?.Name}'").Distinct().ToList();
        return $"'{method.Name}' is async and gets here after an await, when its caller has already released {string.Join(" and ", dropped)}";
    }

    /// <summary>
    /// Whether <paramref name="held"/> belongs to the thread that took it (a <c>lock</c> or <c>Monitor</c> on any object,
    /// a <c>Lock</c>, a <c>ReaderWriterLockSlim</c>, a <c>Mutex</c>): it cannot stay held over an <c>await</c>. A semaphore,
    /// or a lock type awaited to enter (<c>WaitAsync</c>, <c>LockAsync</c>), can; an unknown lock is kept.
    /// </summary>
    private static bool IsThreadAffine(HeldLock held)
    {
        var type = held.Symbol switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };
        if (type is null || type.TypeKind == TypeKind.TypeParameter || type.Name is "SemaphoreSlim" or "Semaphore")
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { Name: "WaitAsync" or "LockAsync" or "EnterAsync" or "AcquireAsync" })
            {
                return false;
            }
        }

        return true;
    }

    private string Key(ImmutableArray<HeldLock> locks)
    {
        if (locks.IsEmpty)
        {
            return string.Empty;
        }

        var names = new List<string>(locks.Length);
        foreach (var held in locks)
        {
            names.Add(LockKey(held.Symbol) + (held.AllowsWrites ? "!" : string.Empty));
        }

        names.Sort(StringComparer.Ordinal);
        return string.Join(",", names);
    }

    /// <summary>A lock's display string, computed once per type analysis: every composed access asks for it.</summary>
    private string LockKey(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return "?";
        }

        if (!_lockKeys.TryGetValue(symbol, out var key))
        {
            _lockKeys[symbol] = key = symbol.ToDisplayString();
        }

        return key;
    }

    private MethodSummary? Summary(IMethodSymbol method)
    {
        method = method.PartialImplementationPart ?? method.OriginalDefinition;
        if (_summaries.TryGetValue(method, out var cached))
        {
            return cached;
        }

        MethodSummary? summary = null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(_cancellationToken);
            var hasBody = syntax switch
            {
                BaseMethodDeclarationSyntax declaration => declaration.Body is not null || declaration.ExpressionBody is not null,
                AccessorDeclarationSyntax accessor => accessor.Body is not null || accessor.ExpressionBody is not null,
                ArrowExpressionClauseSyntax => true,
                _ => false,
            };
            if (hasBody && _semanticModels(reference.SyntaxTree).GetOperation(syntax, _cancellationToken) is { } body)
            {
                summary = _builder.Build(method, body);
                break;
            }
        }

        _summaries[method] = summary;
        return summary;
    }

    private static string Display(IMethodSymbol method) => method switch
    {
        { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } => method.ContainingType.Name,
        { AssociatedSymbol: { } associated } => associated.Name,
        _ => method.Name,
    };

    /// <summary>A field with a guard, the methods that write it holding the guard, its accesses and how many hold it (<see cref="ReportTornPairs"/>).</summary>
    private sealed class GuardedState
    {
        public GuardedState(ISymbol state, string name, ISymbol guard, HashSet<IMethodSymbol> writtenIn, List<Reached> accesses, int count)
        {
            State = state;
            Name = name;
            Guard = guard;
            WrittenIn = writtenIn;
            Accesses = accesses;
            Count = count;
        }

        public ISymbol State { get; }

        /// <summary>How messages name it: the field, or the held object's member (<c>_current.MistSeconds</c>).</summary>
        public string Name { get; }

        public ISymbol Guard { get; }

        public HashSet<IMethodSymbol> WrittenIn { get; }

        public List<Reached> Accesses { get; }

        public int Count { get; }
    }

    /// <summary>An access reached from an entry, with every lock held at it (the callers' and its own).</summary>
    private sealed class Reached
    {
        public Reached(MemberAccess access, ImmutableArray<HeldLock> locks, IMethodSymbol member, Location? start)
        {
            Access = access;
            Locks = locks;
            Member = member;
            Start = start;
        }

        public MemberAccess Access { get; }
        public ImmutableArray<HeldLock> Locks { get; }
        public IMethodSymbol Member { get; }

        /// <summary>Where the entry is handed out as a delegate (a thread body, a callback), or null for a member callers call.</summary>
        public Location? Start { get; }

        /// <summary>Reached from a member callers call (not only from a callback or a constructor's deferred code).</summary>
        public bool ByCaller { get; set; }

        /// <summary>
        /// Reached from an entry that runs alone (see <see cref="RunsAlone"/>): what that entry is, quoted in messages
        /// (<see cref="Start"/> is its declaration), or empty when it is also a callback handed out at <see cref="Start"/>.
        /// </summary>
        public string? Alone { get; set; }

        /// <summary>The entry the access was first reached from.</summary>
        public IMethodSymbol? Entry { get; set; }

        /// <summary>
        /// Reached after an await of an async method its caller started under a <c>lock</c>, which the caller had left by
        /// then: said in the message, or null.
        /// </summary>
        public string? AfterAwait { get; set; }

        /// <summary>
        /// Reached from a handler that synchronizes and is subscribed in a loop to an event of several objects (see
        /// <see cref="LoopSubscription"/>): the event's name. Each object raises it on its own thread, so the handler
        /// runs beside itself.
        /// </summary>
        public string? Publishers { get; set; }
    }

    /// <summary>Why a type's members run concurrently, quoted in every message about it.</summary>
    private sealed class Concurrency
    {
        private readonly INamedTypeSymbol _type;
        private readonly string? _because;

        // 'because': why the members run at once; null for a hosted service that synchronizes nothing, whose members run
        // only beside its loop.
        public Concurrency(INamedTypeSymbol type, bool declared, string? because)
        {
            _type = type;
            Declared = declared;
            _because = because;
        }

        /// <summary>The type says so with [ThreadSafe]: every unsynchronized write is a finding, not only lost updates.</summary>
        public bool Declared { get; }

        /// <summary>The type is made for each request (<see cref="DeclaredConcurrency.Kind.PerRequest"/>): only its static state is shared.</summary>
        public bool StaticOnly { get; set; }

        /// <summary>The member of a nested type that calls an entry, when that is what makes it one (see <c>IsCalledByNestedEntry</c>).</summary>
        public Func<IMethodSymbol, string?>? NestedCaller { get; set; }

        public string Describe(Reached access)
            => access.AfterAwait is { } afterAwait ? $"{Concurrently(access)}; {afterAwait}" : Concurrently(access);

        private string Concurrently(Reached access)
        {
            var member = Display(access.Member);
            if (access.Publishers is { } raised && access.Start is { } subscribed && access.Entry is { } handler)
            {
                var runs = access.Member.Equals(handler, SymbolEqualityComparer.Default) ? $"'{member}'" : $"'{member}', called by '{Display(handler)}',";
                return $"{runs} handles '{raised}' of each object it is subscribed to in the loop at line {subscribed.GetLineSpan().StartLinePosition.Line + 1}, so their threads run it at the same time" + (_because is null ? string.Empty : $", and {_because}");
            }

            if (access.Alone is { Length: > 0 } alone && access.Entry is { } entry)
            {
                var runs = access.Member.Equals(entry, SymbolEqualityComparer.Default) ? $"'{member}' is" : $"'{member}' runs in '{Display(entry)}',";
                return $"{runs} {alone}, which runs concurrently with the members of '{_type.Name}'" + (_because is null ? string.Empty : $", and {_because}");
            }

            if (access.Start is { } start)
            {
                return $"'{member}' runs as the callback handed out at line {start.GetLineSpan().StartLinePosition.Line + 1}, concurrently with the members of '{_type.Name}'"
                       + (_because is null ? string.Empty : $", and {_because}");
            }

            if (_because is null)
            {
                return $"'{member}' runs beside the background loop of the hosted service '{_type.Name}'";
            }

            if (NestedCaller?.Invoke(access.Entry ?? access.Member) is { } caller)
            {
                return $"'{member}' may run on several threads at once ('{Display(access.Entry ?? access.Member)}' is called by '{caller}', which '{_type.Name}' hands to its callers): {_because}";
            }

            if (!Declared && (access.Entry ?? access.Member) is { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Internal or Accessibility.ProtectedOrInternal } internalEntry)
            {
                // Only an internal method that takes the type's own lock is an entry of a type that does not declare itself shared (IsLockingInternal).
                return $"'{member}' may run on several threads at once ('{Display(internalEntry)}' is internal and takes the lock of '{_type.Name}' itself, so the library's own code calls it beside the public members): {_because}";
            }

            return $"'{member}' may run on several threads at once: {_because}";
        }

        public Location Location(Reached access) => access.Start ?? _type.Locations.FirstOrDefault() ?? Microsoft.CodeAnalysis.Location.None;
    }
}
