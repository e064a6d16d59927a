using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Rules out, from syntax alone, a type whose <c>lock</c> regions cannot be inconsistent: no name that a lock body
/// or an <c>Interlocked</c>/<c>Volatile</c> call uses is used elsewhere, where no lock is held, in a way the model
/// could report. Such a type has no state that is guarded in one place and not in another, so
/// <see cref="TypeConcurrency"/> need not bind any of its bodies.
/// </summary>
/// <remarks>
/// <para>
/// Only for a type that merely synchronizes (it declares nothing about its concurrency): there, state written or
/// read under one of its locks, or updated atomically, is all that can be reported, and each report needs another use
/// of the same state where the lock is not held: a write, a call of a helper that reaches it, or any use of a
/// collection or of a struct that tears (an unlocked read of a plain field is never reported, see
/// <see cref="TypeConcurrency"/>). Every such use names the state, or a helper or property that reaches it, outside a
/// lock body, or in a callback (a lambda or local function runs later and holds nothing, even when written inside a
/// lock body). A private helper that is only ever called under the lock runs under it, so its body counts as inside;
/// any other method or property is also called by the type's callers, who hold none of its locks.
/// </para>
/// <para>
/// The check reads only what it needs: the lock regions (found by their words in the text), then the other
/// occurrences of the names they use (found the same way), then the bodies of private helpers those reach. It says
/// "cannot tell" for anything it does not read: other synchronization (<c>Monitor</c>, semaphores, reader-writer
/// locks, <c>Lock.EnterScope</c>, spin locks, mutexes), aliases of the synchronization types, Unicode escapes, two
/// different locks (or a lock and atomic calls), and a type that holds collections of collections (a value taken out
/// under the lock and changed after it, see <see cref="MethodSummaryBuilder"/>). Constructors and initializers own
/// the object: only the callbacks they create count. Only the names of the type's own members are read, since the
/// model judges only the type's own state and composes only its own methods; a local that shares a member's name
/// counts as that member, which can only keep a type in the analysis.
/// </para>
/// </remarks>
internal static class LexicalLocking
{
    /// <summary>Synchronization that this check does not read: a type that names any of these is always analysed.</summary>
    private static readonly string[] UnreadSynchronizationWords =
    [
        "Monitor", "SemaphoreSlim", "ReaderWriterLockSlim", "ReaderWriterLock", "Lock", "SpinLock", "Mutex", "EnterScope",
        "ThreadSafe", "ThreadSafeAttribute",
    ];

    /// <summary>The words that start the regions this check reads.</summary>
    private static readonly string[] RegionWords = ["lock", "Interlocked", "Volatile"];

    /// <summary>
    /// False when no name used under <paramref name="type"/>'s lock (or atomically) is also used where it is not held,
    /// in a way that can be reported; true when one is, or when the check cannot tell.
    /// </summary>
    public static bool MayBeInconsistent(INamedTypeSymbol type, ConcurrencyTypes types, Compilation compilation, CancellationToken cancellationToken)
    {
        if (MethodSummaryBuilder.HoldsCollectionValues(type.OriginalDefinition, types) || MethodSummaryBuilder.HoldsObjectValues(type.OriginalDefinition, types)
            || IsHostedService(type))
        {
            return true;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var text = reference.SyntaxTree.GetText(cancellationToken);
            if (SourceWords.HasEscapedIdentifier(reference.SyntaxTree, reference.Span, cancellationToken)
                || SourceWords.Any(text, reference.Span, UnreadSynchronizationWords)
                || SynchronizationImports.InFile(reference.SyntaxTree, cancellationToken))
            {
                return true;
            }
        }

        return SynchronizationImports.Global(compilation, cancellationToken)
               || SubscribesInLoop(type, cancellationToken)
               || new Names(type, types, cancellationToken).MayBeInconsistent();
    }

    /// <summary>
    /// Whether the type subscribes one of its own methods, inside a loop, to an event of other objects
    /// (<c>foreach (var sensor in sensors) sensor.ReadingAvailable += OnReadingAvailable;</c>): each object raises it
    /// from where it runs, so the handler runs beside itself whatever the type's locks cover (see
    /// <c>TypeConcurrency.LoopSubscription</c>). Found at the text's <c>+=</c> signs.
    /// </summary>
    private static bool SubscribesInLoop(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        HashSet<string>? methods = null;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var text = SourceWords.TextOf(reference.SyntaxTree.GetText(cancellationToken));
            var span = reference.Span;
            for (var at = text.IndexOf("+=", span.Start, span.Length, StringComparison.Ordinal); at >= 0 && at < span.End - 1;
                 at = at + 2 < span.End ? text.IndexOf("+=", at + 2, span.End - at - 2, StringComparison.Ordinal) : -1)
            {
                var token = reference.SyntaxTree.GetRoot(cancellationToken).FindToken(at);
                if (!token.IsKind(SyntaxKind.PlusEqualsToken)
                    || token.Parent is not AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax, Right: var handler } subscription
                    || (handler is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var named } ? named : handler as IdentifierNameSyntax) is not { } name)
                {
                    continue;
                }

                methods ??= new HashSet<string>(type.GetMembers().OfType<IMethodSymbol>().Select(method => method.Name), StringComparer.Ordinal);
                if (!methods.Contains(name.Identifier.ValueText))
                {
                    continue;
                }

                foreach (var ancestor in subscription.Ancestors())
                {
                    if (ancestor is CommonForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                    {
                        return true;
                    }

                    if (ancestor is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                    {
                        break;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A <c>BackgroundService</c>: its loop runs beside the members without any lock in sight, so a struct the two copy
    /// and store can tear (see <c>TypeConcurrency.TornCopy</c>) whatever the lock regions say, or whether there are any.
    /// </summary>
    internal static bool IsHostedService(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "BackgroundService" && current.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Hosting")
            {
                return true;
            }
        }

        return false;
    }

    private enum Place
    {
        /// <summary>Code that runs while the object is still owned by its creator (a constructor, an initializer).</summary>
        Owned,

        /// <summary>Code that runs when its member is called, holding what the caller holds.</summary>
        Body,

        /// <summary>A lock body or the arguments of an atomic call.</summary>
        Inside,

        /// <summary>A lambda or local function: it runs later, on whatever thread calls it, holding nothing.</summary>
        Deferred,
    }

    /// <summary>The names a type's code uses, and where.</summary>
    private sealed class Names
    {
        private readonly INamedTypeSymbol _type;
        private readonly ConcurrencyTypes _types;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<string> _memberNames;

        /// <summary>The names of the type's private methods and properties.</summary>
        private readonly HashSet<string> _privateNames = new(StringComparer.Ordinal);

        /// <summary>Names used in lock bodies and atomic calls.</summary>
        private readonly HashSet<string> _inside = new(StringComparer.Ordinal);

        /// <summary>As <see cref="_inside"/>, per member name (see <see cref="_bodies"/>).</summary>
        private readonly Dictionary<string, HashSet<string>> _insideOf = new(StringComparer.Ordinal);

        /// <summary>The properties whose accessors take the lock (<c>IsLeader { get { lock (_gate) return _isLeader; } }</c>).</summary>
        private readonly HashSet<string> _lockingProperties = new(StringComparer.Ordinal);

        /// <summary>Names used in lambdas and local functions.</summary>
        private readonly HashSet<string> _deferred = new(StringComparer.Ordinal);

        /// <summary>As <see cref="_deferred"/>, only the uses the model can report (see <see cref="IsUnguardable"/>).</summary>
        private readonly HashSet<string> _deferredUnguardable = new(StringComparer.Ordinal);

        /// <summary>Per member name, the names its bodies use outside lock bodies.</summary>
        private readonly Dictionary<string, HashSet<string>> _bodies = new(StringComparer.Ordinal);

        /// <summary>As <see cref="_bodies"/>, only the uses the model can report (see <see cref="IsUnguardable"/>).</summary>
        private readonly Dictionary<string, HashSet<string>> _unguardable = new(StringComparer.Ordinal);

        /// <summary>The private helpers read whole that are <c>async</c> (see <see cref="InsideAndOutside"/>).</summary>
        private readonly HashSet<string> _asyncHelpers = new(StringComparer.Ordinal);

        /// <summary>Method names used other than by calling them ('new Timer(OnTick)'): such a method can run anywhere.</summary>
        private readonly HashSet<string> _handedOut = new(StringComparer.Ordinal);

        /// <summary>
        /// Whether a lock body returns one of the type's collections itself (<c>lock (_gate) { return _pending; }</c>):
        /// its callers read it after the lock is released, where this check cannot follow them.
        /// </summary>
        private bool _returnsCollectionFromLock;

        /// <summary>The names the code of the type's nested types uses (see <see cref="InNestedType"/>).</summary>
        private readonly HashSet<string> _usedByNestedTypes = new(StringComparer.Ordinal);

        /// <summary>The text of each lock expression, and an empty string for the atomic calls.</summary>
        private readonly HashSet<string> _lockTexts = new(StringComparer.Ordinal);

        /// <summary>The private helpers whose whole bodies have been read, by declaration.</summary>
        private readonly HashSet<MemberDeclarationSyntax> _readWhole = new();

        private readonly Dictionary<string, bool> _harmlessReads = new(StringComparer.Ordinal);

        public Names(INamedTypeSymbol type, ConcurrencyTypes types, CancellationToken cancellationToken)
        {
            _type = type;
            _types = types;
            _cancellationToken = cancellationToken;
            _memberNames = new HashSet<string>(type.MemberNames, StringComparer.Ordinal);
            foreach (var member in type.GetMembers())
            {
                if (member.DeclaredAccessibility == Accessibility.Private && member is IMethodSymbol or IPropertySymbol)
                {
                    _privateNames.Add(member.Name);
                }
            }
        }

        public bool MayBeInconsistent()
        {
            var declarations = new List<(SyntaxReference Reference, SyntaxNode Declaration, string Text)>();
            foreach (var reference in _type.DeclaringSyntaxReferences)
            {
                declarations.Add((reference, reference.GetSyntax(_cancellationToken), SourceWords.TextOf(reference.SyntaxTree.GetText(_cancellationToken))));
            }

            // 1. The lock bodies and atomic calls, and what they use.
            var helpers = new List<MemberDeclarationSyntax>();
            foreach (var (reference, declaration, text) in declarations)
            {
                var root = reference.SyntaxTree.GetRoot(_cancellationToken);
                foreach (var at in SourceWords.Occurrences(text, reference.Span, RegionWords))
                {
                    var token = root.FindToken(at);
                    var (region, lockText) = token.SpanStart != at ? default
                        : token.Parent is LockStatementSyntax lockStatement && token.IsKind(SyntaxKind.LockKeyword) ? (lockStatement.Statement, lockStatement.Expression.ToString())
                        : token.Parent is IdentifierNameSyntax name && AtomicArguments(name) is { } arguments ? ((SyntaxNode)arguments, string.Empty)
                        : default;
                    if (region is ArgumentListSyntax { Arguments.Count: 2 } written && written.Arguments[1].Expression is BinaryExpressionSyntax
                        && token.Parent?.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Write" or "Exchange" })
                    {
                        // 'Volatile.Write(ref _total, current + cents)': maybe the field read back and written in two steps
                        // (MethodSummaryBuilder.WritesBackWhatItRead), which the names alone cannot tell.
                        return true;
                    }

                    if (token.Parent is LockStatementSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var receiver } } } perItem
                        && perItem.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } lockingMember
                        && TypeConcurrency.DeclaredFromKeyedLookup(lockingMember, receiver, perItem.SpanStart))
                    {
                        // 'var instructor = _instructors[name]; lock (instructor.Gate)': one lock per key, which the same
                        // text names for every key (see TypeConcurrency.IsPerKeyLock).
                        return true;
                    }

                    if (region is not null && Context(region, declaration) is { Place: not Place.Owned, Member: { } member })
                    {
                        _lockTexts.Add(lockText!);
                        Read(region, Place.Inside, member);
                        if (member is PropertyDeclarationSyntax property)
                        {
                            _lockingProperties.Add(property.Identifier.ValueText);
                        }
                    }
                }
            }

            if (_returnsCollectionFromLock)
            {
                return true;
            }

            if (_lockTexts.Count != 1)
            {
                // None: nothing is guarded or atomic. Two: a name used under both is guarded inconsistently.
                return _lockTexts.Count > 1;
            }

            // 2. Every other use of those names, and of the names the private helpers they reach use, until no new name.
            var searched = new HashSet<string>(StringComparer.Ordinal);
            var pending = new List<string>(_inside);
            pending.AddRange(_lockingProperties); // where they are read beside a field of the pair (ReadsTwoLockedFieldsOutside)
            while (pending.Count > 0)
            {
                var words = pending.Where(searched.Add).ToArray();
                pending.Clear();
                foreach (var word in words)
                {
                    // A private helper reached by name: its whole body runs wherever it is called.
                    if (IsPrivateHelper(word))
                    {
                        foreach (var reference in _type.GetMembers(word).SelectMany(member => member.DeclaringSyntaxReferences))
                        {
                            if (reference.GetSyntax(_cancellationToken) is MemberDeclarationSyntax helper && _readWhole.Add(helper))
                            {
                                helpers.Add(helper);
                            }
                        }
                    }
                }

                foreach (var (reference, declaration, text) in declarations)
                {
                    var root = reference.SyntaxTree.GetRoot(_cancellationToken);
                    foreach (var at in SourceWords.Occurrences(text, reference.Span, words))
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                        var token = root.FindToken(at);
                        if (token.SpanStart != at || !token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not SimpleNameSyntax name)
                        {
                            continue;
                        }

                        if (Context(name, declaration) is { Place: not Place.Inside, Member: { } member } context)
                        {
                            Record(name, context.Place, member);
                            if (context.Place == Place.Body && IsPrivateHelper(KeyOf(member)) && _readWhole.Add(member))
                            {
                                helpers.Add(member);
                            }
                        }
                        else if (InNestedType(name, declaration) is { } nested && HandsOut(declaration, nested))
                        {
                            // A nested type's code (a scope object's Dispose calling back into its owner's 'End'): the
                            // nested objects are handed to callers, who call them holding none of the type's locks.
                            _usedByNestedTypes.Add(name.Identifier.ValueText);
                        }
                    }
                }

                foreach (var helper in helpers)
                {
                    var key = KeyOf(helper);
                    if (helper is MethodDeclarationSyntax method && method.Modifiers.Any(SyntaxKind.AsyncKeyword))
                    {
                        _asyncHelpers.Add(key);
                    }

                    BodyOf(key);
                    Read(helper, Place.Body, helper);
                    pending.Add(key);
                    pending.AddRange(_bodies[key]);
                }

                helpers.Clear();
            }

            return InsideAndOutside();
        }

        /// <summary>
        /// Whether some name is used both under the lock (or atomically) and where no lock is held. A private helper
        /// that is only ever called under the lock runs under it, so what its body uses counts as inside (computed to a
        /// fixed point, for helpers that call helpers); what any other member uses outside a lock body, and what any
        /// callback uses, is outside.
        /// </summary>
        private bool InsideAndOutside()
        {
            var underLock = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in _bodies.Keys)
            {
                if (IsPrivateHelper(name))
                {
                    underLock.Add(name);
                }
            }

            // Callers outside the type call its other methods and properties holding none of its locks: a public
            // member that a lock body also calls runs both ways.
            var calledByCallers = new HashSet<string>(_usedByNestedTypes, StringComparer.Ordinal);
            foreach (var member in _type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } or IPropertySymbol && !IsPrivateHelper(member.Name))
                {
                    calledByCallers.Add(member.Name);
                }
            }

            HashSet<string> outside;
            while (true)
            {
                outside = new HashSet<string>(_deferredUnguardable, StringComparer.Ordinal);
                outside.UnionWith(calledByCallers);
                foreach (var name in _asyncHelpers)
                {
                    // What an async helper does after its first await runs when its caller has left the lock
                    // (TypeConcurrency.Compose drops the caller's locks there); its whole body is counted, to be read.
                    outside.UnionWith(_unguardable[name]);
                }

                foreach (var pair in _unguardable)
                {
                    if (!underLock.Contains(pair.Key))
                    {
                        outside.UnionWith(pair.Value);
                    }
                }

                // A helper called where no lock is held, or from a callback, runs unlocked too.
                if (underLock.RemoveWhere(name => outside.Contains(name) || _deferred.Contains(name)) == 0)
                {
                    break;
                }
            }

            var inside = new HashSet<string>(_inside, StringComparer.Ordinal);
            foreach (var name in underLock)
            {
                inside.UnionWith(_bodies[name]);
            }

            return inside.Overlaps(outside) || ReadsTwoLockedFieldsOutside(underLock);
        }

        /// <summary>
        /// Whether a member that does not run under the lock reads two writable fields that lock bodies use: a pair the
        /// lock may keep consistent (a total and a count), which such a member can read from two different updates; or
        /// one of them, beside a property whose accessor reads under the lock, or beside another of them that the
        /// member itself reads under the lock.
        /// </summary>
        private bool ReadsTwoLockedFieldsOutside(HashSet<string> underLock)
        {
            foreach (var pair in _bodies)
            {
                if (underLock.Contains(pair.Key))
                {
                    continue;
                }

                string? lockedField = null;
                var readsLockingProperty = false;
                foreach (var name in pair.Value)
                {
                    readsLockingProperty |= _lockingProperties.Contains(name);
                    if (_inside.Contains(name) && IsWritableField(name))
                    {
                        if (lockedField is not null || readsLockingProperty)
                        {
                            return true;
                        }

                        lockedField = name;
                    }
                }

                // 'if (!IsLeader) return; Send(_term);': one of the pair read through a property that takes the lock,
                // the other outside it (set be R03). The property may be named after the field. Or the check is the
                // member's own lock body: 'lock (_gate) { now = _completed; } if (now) callback(_error);'.
                if (lockedField is not null
                    && (readsLockingProperty
                        || (_insideOf.TryGetValue(pair.Key, out var insideHere) && insideHere.Any(name => name != lockedField && IsWritableField(name)))))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsWritableField(string name) => _type.GetMembers(name).Any(static member => member is IFieldSymbol { IsReadOnly: false, IsConst: false });

        /// <summary>The type nested in <paramref name="declaration"/> whose code holds <paramref name="node"/>, or null.</summary>
        private static BaseTypeDeclarationSyntax? InNestedType(SyntaxNode node, SyntaxNode declaration)
        {
            BaseTypeDeclarationSyntax? nested = null;
            for (var parent = node.Parent; parent is not null && parent != declaration; parent = parent.Parent)
            {
                if (parent is BaseTypeDeclarationSyntax type)
                {
                    nested = type;
                }
            }

            return nested;
        }

        /// <summary>Whether <paramref name="declaration"/> returns new objects of <paramref name="nested"/> (see <see cref="NestedScopes"/>): an over-approximation of the model's test, which also asks that the returning member be public.</summary>
        private bool HandsOut(SyntaxNode declaration, BaseTypeDeclarationSyntax nested)
        {
            if (!_returnedNew.TryGetValue(declaration, out var names))
            {
                _returnedNew[declaration] = names = NestedScopes.ReturnedNew(declaration);
            }

            return names.Contains(nested.Identifier.ValueText);
        }

        /// <summary>What <see cref="HandsOut"/> found, per declaration of the type.</summary>
        private readonly Dictionary<SyntaxNode, HashSet<string>> _returnedNew = new();

        /// <summary>
        /// Where <paramref name="node"/> runs, and in which member of <paramref name="declaration"/>: null when it is not
        /// code of that declaration's own members (a nested type's, an attribute's), or is a lock's own expression.
        /// </summary>
        private (Place Place, MemberDeclarationSyntax? Member)? Context(SyntaxNode node, SyntaxNode declaration)
        {
            Place? marker = null;
            var deferred = false;
            for (SyntaxNode? child = node, parent = node.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case LockStatementSyntax lockStatement:
                        if (child != lockStatement.Statement)
                        {
                            return null; // 'lock (_sync)': how the regions are written, not a use of the state
                        }

                        marker ??= Place.Inside;
                        break;
                    case ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } when IsAtomic(invocation):
                        marker ??= Place.Inside;
                        break;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        marker ??= Place.Deferred;
                        deferred = true;
                        break;
                    case MemberDeclarationSyntax member when parent.Parent == declaration:
                        if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                        {
                            return null;
                        }

                        var owned = member is ConstructorDeclarationSyntax or DestructorDeclarationSyntax or BaseFieldDeclarationSyntax
                                    || (member is PropertyDeclarationSyntax { Initializer: { } initializer } && child == initializer);
                        return (owned && !deferred ? Place.Owned : marker ?? Place.Body, member);
                    case BaseTypeDeclarationSyntax:
                        return null; // a nested type's code
                }
            }

            return null;
        }

        /// <summary>
        /// The names of the deferred <c>System.Linq.Enumerable</c> operators, read as text here (the model checks the
        /// method, see MethodSummaryBuilder.DeferredQuery).
        /// </summary>
        private static readonly HashSet<string> DeferredQueryNames = new(StringComparer.Ordinal)
        {
            "Where", "Select", "SelectMany", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Order", "OrderDescending",
            "Skip", "Take", "SkipWhile", "TakeWhile", "SkipLast", "TakeLast", "Reverse", "Distinct", "DistinctBy", "Concat", "Union",
            "UnionBy", "Intersect", "IntersectBy", "Except", "ExceptBy", "Zip", "GroupBy", "Join", "GroupJoin", "Cast", "OfType",
            "AsEnumerable", "Append", "Prepend", "DefaultIfEmpty", "Chunk",
        };

        /// <summary>Whether <paramref name="expression"/> names one of the type's fields or properties whose type is a collection that is not safe to share.</summary>
        private bool IsOwnCollection(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            // A deferred query reads it when it is enumerated: '_changes.Where(…).Select(…)', 'Enumerable.Skip(_changes, 1)'.
            while (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var query } access } invocation
                   && DeferredQueryNames.Contains(query))
            {
                expression = access.Expression is IdentifierNameSyntax { Identifier.ValueText: "Enumerable" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Enumerable" }
                    ? invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression ?? access.Expression
                    : access.Expression;
            }

            // A live view of it reads it later as well: '_lots.AsReadOnly()', '_byId.Values', 'new ReadOnlyCollection<Lot>(_lots)'.
            expression = expression switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsReadOnly", Expression: var viewed }, ArgumentList.Arguments.Count: 0 } => viewed,
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Keys" or "Values", Expression: var viewed } => viewed,
                ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1, Type: GenericNameSyntax { Identifier.ValueText: "ReadOnlyCollection" or "ReadOnlyDictionary" } or QualifiedNameSyntax { Right: GenericNameSyntax { Identifier.ValueText: "ReadOnlyCollection" or "ReadOnlyDictionary" } } } creation
                    => creation.ArgumentList!.Arguments[0].Expression,
                _ => expression,
            };

            var name = expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
                _ => null,
            };
            if (name is null)
            {
                return false;
            }

            foreach (var symbol in _type.GetMembers(name))
            {
                if (symbol is IFieldSymbol { Type: var fieldType } && _types.IsUnsafeCollection(fieldType)
                    || symbol is IPropertySymbol { Type: var propertyType } && _types.IsUnsafeCollection(propertyType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Reads every use of a name in <paramref name="node"/>, in <paramref name="place"/>, within <paramref name="member"/>.</summary>
        private void Read(SyntaxNode node, Place place, MemberDeclarationSyntax member)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    place = Place.Deferred;
                    break;
                case LockStatementSyntax lockStatement:
                    Read(lockStatement.Statement, place is Place.Body ? Place.Inside : place, member);
                    return;
                case InvocationExpressionSyntax atomic when IsAtomic(atomic):
                    Read(atomic.ArgumentList, place is Place.Body ? Place.Inside : place, member);
                    return;
                case SimpleNameSyntax name:
                    Record(name, place, member);
                    return;
                case ReturnStatementSyntax { Expression: { } returned } when place == Place.Inside && IsOwnCollection(returned):
                    _returnsCollectionFromLock = true;
                    break;
                case TypeSyntax:
                    return; // a type is never state ('List<int>', 'int[]')
                case PropertyDeclarationSyntax { Initializer: { } initializer } property when place == Place.Body:
                    foreach (var child in property.ChildNodes())
                    {
                        Read(child, child == initializer ? Place.Owned : place, member);
                    }

                    return;
            }

            foreach (var child in node.ChildNodes())
            {
                Read(child, place, member);
            }
        }

        /// <summary>Records a use of <paramref name="name"/>, if it can be the type's own state or method.</summary>
        private void Record(SimpleNameSyntax name, Place place, MemberDeclarationSyntax member)
        {
            var text = name.Identifier.ValueText;
            if (!_memberNames.Contains(text) || !NamesOwnMember(name))
            {
                return; // only the type's own state and methods are judged and composed; a local of another name is neither
            }

            // A method used other than by a call runs wherever it is handed; so does an own async method a constructor
            // starts and does not await (set an R03: '_exportLoop = RunAsync(…)'), from its first await on.
            if (!IsCalled(name)
                || (place == Place.Owned && (name.Parent as InvocationExpressionSyntax ?? name.Parent?.Parent as InvocationExpressionSyntax) is { } call
                    && ConcurrentEntryFinder.StartsOwnAsyncMethod(call)))
            {
                _handedOut.Add(text);
            }

            switch (place)
            {
                case Place.Body:
                    var key = KeyOf(member);
                    BodyOf(key).Add(text);
                    if (IsUnguardable(name))
                    {
                        _unguardable[key].Add(text);
                    }

                    break;
                case Place.Inside:
                    _inside.Add(text);
                    if (!_insideOf.TryGetValue(KeyOf(member), out var insideHere))
                    {
                        _insideOf[KeyOf(member)] = insideHere = new HashSet<string>(StringComparer.Ordinal);
                    }

                    insideHere.Add(text);
                    break;
                case Place.Deferred:
                    _deferred.Add(text);
                    if (IsUnguardable(name))
                    {
                        _deferredUnguardable.Add(text);
                    }

                    break;
            }
        }

        private HashSet<string> BodyOf(string key)
        {
            if (!_bodies.TryGetValue(key, out var body))
            {
                _bodies[key] = body = new HashSet<string>(StringComparer.Ordinal);
                _unguardable[key] = new HashSet<string>(StringComparer.Ordinal);
            }

            return body;
        }

        /// <summary>The name a member's uses are kept under: private helpers by their own name, every other member under none.</summary>
        private static string KeyOf(MemberDeclarationSyntax member) => member switch
        {
            MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method => method.Identifier.ValueText,
            PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => property.Identifier.ValueText,
            _ => string.Empty, // constructors, operators, indexers, events, fields, interface implementations: never a private helper
        };

        /// <summary>Whether every member named <paramref name="name"/> is a private method that is never handed out, or a private property.</summary>
        private bool IsPrivateHelper(string name)
        {
            var members = _type.GetMembers(name);
            foreach (var member in members)
            {
                if (member.DeclaredAccessibility != Accessibility.Private || member.IsImplicitlyDeclared
                    || member is not (IMethodSymbol { MethodKind: MethodKind.Ordinary } or IPropertySymbol { IsIndexer: false })
                    || member is IMethodSymbol && _handedOut.Contains(name))
                {
                    return false;
                }
            }

            return members.Length > 0;
        }

        /// <summary>
        /// Whether a use of a member name can be this object's member: a simple name that is not a label or a type
        /// ('Console' in 'Console.WriteLine'), 'this.X' or 'Type.X', or a private member reached through another
        /// expression ('((Bucket)state).Refill()' in a timer callback).
        /// </summary>
        private bool NamesOwnMember(SimpleNameSyntax name)
        {
            var text = name.Identifier.ValueText;
            switch (name.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Name == name:
                    return access.Expression is ThisExpressionSyntax or BaseExpressionSyntax
                           || (access.Expression is IdentifierNameSyntax receiver && receiver.Identifier.ValueText == _type.Name)
                           || _privateNames.Contains(text)
                           || (access.Expression is IdentifierNameSyntax && InStaticLambda(access));
                case QualifiedNameSyntax or AliasQualifiedNameSyntax or NameColonSyntax or NameEqualsSyntax or TypeArgumentListSyntax:
                case VariableDeclarationSyntax or ObjectCreationExpressionSyntax or CastExpressionSyntax or TypeOfExpressionSyntax:
                case ArrayTypeSyntax or NullableTypeSyntax or RefTypeSyntax or PointerTypeSyntax or DefaultExpressionSyntax:
                case DeclarationPatternSyntax or TypePatternSyntax or RecursivePatternSyntax or CatchDeclarationSyntax:
                case ForEachStatementSyntax forEach when forEach.Type == name: // 'foreach (Ticket t in …)'; the collection is a use
                case DeclarationExpressionSyntax or ParameterSyntax or AttributeSyntax or SimpleBaseTypeSyntax or TypeConstraintSyntax:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression or (int)SyntaxKind.AsExpression } binary when binary.Right == name:
                case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } member when member.Left == name:
                    return false; // a type, a label, or a member of the object being created ('new Watcher { Path = path }')
                default:
                    return true;
            }
        }

        /// <summary>
        /// Whether <paramref name="node"/> is in a <c>static</c> lambda: a callback handed its object as state to avoid a
        /// closure (<c>Register(static s =&gt; { var (board, c) = ((Board, Crossing))s!; board._inFlight.Remove(c.Id); }, (this, c))</c>),
        /// where another name for the object reaches its private fields (MethodSummaryBuilder.IsThis tells once bound).
        /// </summary>
        private static bool InStaticLambda(SyntaxNode node)
        {
            for (var parent = node.Parent; parent is not null and not MemberDeclarationSyntax; parent = parent.Parent)
            {
                if (parent is AnonymousFunctionExpressionSyntax lambda)
                {
                    return lambda.Modifiers.Any(SyntaxKind.StaticKeyword);
                }
            }

            return false;
        }

        /// <summary>
        /// Whether this use is one the model reports where no lock is held: a call, a write, or any use of a
        /// collection or a struct that tears. An unlocked read of any other field is never reported.
        /// </summary>
        private bool IsUnguardable(SimpleNameSyntax name)
            => IsCalled(name) || IsWritten(name) || !IsHarmlessRead(name.Identifier.ValueText) || ReadsHeldObjectMember(name);

        /// <summary>
        /// Whether the use reads a member of an object the type keeps in a <c>readonly</c> field (<c>_current.MistSeconds</c>
        /// of a class of the compilation with settable state): a lock body that overwrites its members in place makes two
        /// such reads outside it a torn pair (see MethodSummaryBuilder.HeldObjectMember).
        /// </summary>
        private bool ReadsHeldObjectMember(SimpleNameSyntax name)
            => name.Parent is MemberAccessExpressionSyntax access && access.Expression == name
               && _type.GetMembers(name.Identifier.ValueText).Any(member => member is IFieldSymbol { IsReadOnly: true, IsStatic: false } field
                                                                            && MethodSummaryBuilder.IsChangeableObject(field.Type) && !_types.IsUnsafeCollection(field.Type));

        private bool IsHarmlessRead(string name)
        {
            if (!_harmlessReads.TryGetValue(name, out var harmless))
            {
                harmless = true;
                foreach (var member in _type.GetMembers(name))
                {
                    var type = member switch
                    {
                        IFieldSymbol field => field.Type,
                        IPropertySymbol { IsIndexer: false } property => property.Type,
                        _ => null,
                    };
                    harmless &= type is not null && type.TypeKind != TypeKind.Array && !_types.IsUnsafeCollection(type) && !StoreFacts.IsTearable(type);
                }

                _harmlessReads[name] = harmless;
            }

            return harmless;
        }

        private static bool IsCalled(SimpleNameSyntax name)
        {
            var callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
            return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee;
        }

        /// <summary>
        /// Whether the name is written where it is used: assigned (alone or in a tuple), incremented, passed or taken by
        /// reference, or the holder of what is ('_point.X = 1', '_items[i] = x').
        /// </summary>
        private static bool IsWritten(SimpleNameSyntax name)
        {
            SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            while (true)
            {
                switch (target.Parent)
                {
                    case MemberAccessExpressionSyntax holder when holder.Expression == target:
                    case ElementAccessExpressionSyntax element when element.Expression == target:
                    case ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                    case ArgumentSyntax { Parent: TupleExpressionSyntax }:
                    case TupleExpressionSyntax:
                        target = target.Parent;
                        continue;
                    case AssignmentExpressionSyntax assignment:
                        return assignment.Left == target;
                    case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }:
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }:
                    case RefExpressionSyntax:
                        return true;
                    case ArgumentSyntax argument:
                        return !argument.RefKindKeyword.IsKind(SyntaxKind.None);
                    default:
                        return false;
                }
            }
        }

        /// <summary>The arguments of an <c>Interlocked</c> or <c>Volatile</c> call named at <paramref name="name"/>, or null.</summary>
        private static ArgumentListSyntax? AtomicArguments(IdentifierNameSyntax name)
        {
            SyntaxNode receiver = name.Parent is MemberAccessExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax && IsRightmost(name) ? name.Parent : name;
            return receiver.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } call && call.Expression == receiver
                ? invocation.ArgumentList
                : null;
        }

        private static bool IsRightmost(IdentifierNameSyntax name) => name.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Name == name,
            QualifiedNameSyntax qualified => qualified.Right == name,
            AliasQualifiedNameSyntax alias => alias.Name == name,
            _ => false,
        };

        private static bool IsAtomic(InvocationExpressionSyntax invocation)
            => invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver }
               && MethodSyntaxFacts.LastName(receiver) is "Interlocked" or "Volatile";
    }
}
