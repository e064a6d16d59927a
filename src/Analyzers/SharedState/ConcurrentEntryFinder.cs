using System.Runtime.CompilerServices;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>A delegate that starts running on other threads, and how.</summary>
internal sealed class ConcurrentEntry
{
    public ConcurrentEntry(IOperation body, IOperation startOperation, bool multiInstance, int intervalStart, int intervalEnd, IOperation starterRoot, SyntaxNode? callerJoin = null, bool startedPerCall = false)
    {
        StartedPerCall = startedPerCall;
        Body = body;
        StartOperation = startOperation;
        MultiInstance = multiInstance;
        IntervalStart = intervalStart;
        IntervalEnd = intervalEnd;
        StarterRoot = starterRoot;
        CallerJoin = callerJoin;
    }

    /// <summary>
    /// For an async body called on the starter's own thread and joined by <c>Task.WhenAll</c>/<c>WaitAll</c>: that
    /// join. Such a body runs synchronously up to its first <c>await</c>, one call after another; only what follows
    /// runs concurrently.
    /// </summary>
    public SyntaxNode? CallerJoin { get; }

    /// <summary>
    /// For an async method of the object that its caller starts and keeps running (<c>_loop = PumpAsync(ct)</c>):
    /// only what follows its first <c>await</c> runs on another thread; what comes before runs in the call itself.
    /// </summary>
    public bool StartsAtFirstAwait { get; set; }

    /// <summary>
    /// An <see cref="IAnonymousFunctionOperation"/> or <see cref="IMethodReferenceOperation"/>; for a finder that
    /// reads a helper's body (<see cref="ParallelHelpers"/>), also an <see cref="IParameterReferenceOperation"/>.
    /// </summary>
    public IOperation Body { get; }

    /// <summary>The call or creation that starts it; its line is quoted in messages.</summary>
    public IOperation StartOperation { get; }

    public bool MultiInstance { get; }

    /// <summary>
    /// Fire-and-forget work (<c>Task.Run</c>, <c>ThreadPool.QueueUserWorkItem</c>, <c>Task.Factory.StartNew</c>) that
    /// its method starts once on every call, unconditionally and without keeping the task: when callers call that
    /// method repeatedly, the work of one call runs alongside the work of the others (see <see cref="RepeatedCallFinder"/>).
    /// </summary>
    public bool StartedPerCall { get; }

    public int IntervalStart { get; }
    public int IntervalEnd { get; }

    /// <summary>The body of the member containing the start.</summary>
    public IOperation StarterRoot { get; }

    /// <summary>The name of the helper whose call starts the body (<see cref="ParallelHelpers"/>), or null.</summary>
    public string? RunBy { get; set; }

    /// <summary>
    /// For work that one start runs once, started once per iteration of a loop (<c>new Thread(…)</c>, <c>Task.Run</c>
    /// in a <c>for</c> body, or in a lambda that <c>Select</c> calls per element): that loop or lambda. The copies
    /// share what they capture from outside it, not what one iteration declares.
    /// </summary>
    public SyntaxNode? RepeatedBy { get; set; }

    /// <summary>
    /// A callback registered on a cancellation token: it runs when someone cancels, not as work the method starts, so
    /// it does not make what the method did before it set-up (see <c>MethodSummaryBuilder</c>).
    /// </summary>
    public bool IsCancellationCallback { get; set; }
}

/// <summary>
/// Finds concurrent entry points: delegates given to <c>new Thread</c>, <c>ThreadPool</c>, <c>Task.Run</c>,
/// <c>Task.Factory.StartNew</c>, <c>Parallel.*</c>, PLINQ, timers, and async lambdas/methods whose tasks are
/// awaited together with <c>Task.WhenAll</c>.
/// </summary>
internal sealed class ConcurrentEntryFinder
{
    /// <summary>Method names that can start concurrent work; checked on syntax before any binding, to keep the scan cheap.</summary>
    private static readonly HashSet<string> StartNames = new(StringComparer.Ordinal)
    {
        "Run", "StartNew", "For", "ForEach", "ForEachAsync", "Invoke", "QueueUserWorkItem", "UnsafeQueueUserWorkItem",
        "ForAll", "WhenAll", "WaitAll", "WhenAny", "Register", "UnsafeRegister",
    };

    /// <summary>
    /// Every identifier <see cref="IsCandidate"/> can accept, for the text pre-check in <see cref="MayContainCandidates"/>:
    /// the <see cref="StartNames"/>, <c>AsParallel</c>, the created types and the timer event.
    /// </summary>
    private static readonly string[] CandidateWords =
    [
        "Run", "StartNew", "For", "ForEach", "ForEachAsync", "Invoke", "QueueUserWorkItem", "UnsafeQueueUserWorkItem",
        "ForAll", "WhenAll", "WaitAll", "WhenAny", "Register", "UnsafeRegister", "AsParallel", "Thread", "Timer", "Progress", "Elapsed", "Changed", "Created",
        "Deleted", "Renamed", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods",
    ];

    /// <summary>
    /// The minimal-API mapping calls of ASP.NET Core (<c>app.MapGet("/x", (…) =&gt; …)</c>): the handler runs once per
    /// request, and requests are served at the same time on the pool.
    /// </summary>
    private static readonly HashSet<string> EndpointNames = ["MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods"];

    /// <summary>
    /// Events whose handlers run on the thread pool, each raise on its own thread, so a handler can run beside
    /// itself: a <c>System.Timers.Timer</c>'s <c>Elapsed</c> and a <c>FileSystemWatcher</c>'s change events (an editor
    /// saving a file raises several <c>Changed</c> at once).
    /// </summary>
    private static readonly HashSet<string> PoolEventNames = ["Elapsed", "Changed", "Created", "Deleted", "Renamed"];

    private readonly ConcurrencyTypes _types;
    private readonly Dictionary<IOperation, List<IOperation>> _descendantsByRoot = new();

    /// <summary>Entries whose body is a parameter of the method being read are kept (<see cref="ParallelHelpers"/>); never walked.</summary>
    private readonly bool _acceptParameters;

    public ConcurrentEntryFinder(ConcurrencyTypes types, bool acceptParameters = false)
    {
        _types = types;
        _acceptParameters = acceptParameters;
    }

    /// <summary>
    /// A text pre-check that lets the model skip a file without walking its syntax: false only when the file's text
    /// holds none of the words <see cref="IsCandidate"/> looks for and no <c>new(</c> with an argument (a target-typed
    /// creation that can start a thread).
    /// </summary>
    /// <remarks>
    /// Most files never start a thread, and walking every syntax node of every file was most of the model's cost on
    /// code without threads. Scanning characters is an over-approximation: comments, strings and longer words that
    /// merely contain a match only cost the walk we would have done anyway. A Unicode escape (<c>\u0052un</c> is the
    /// identifier <c>Run</c>) or anything between <c>new</c> and <c>(</c> other than white space makes us walk the file.
    /// </remarks>
    public static bool MayContainCandidates(SourceText source)
        => SourceWords.Any(source, CandidateWords)
           || SourceWords.Any(source, NewWord, static (text, start, length) => NextNonWhiteSpaceMayOpenArguments(text, start + length))
           || MayHoldAsyncHandlers(source);

    private static readonly string[] NewWord = ["new"];

    private static readonly string[] AsyncWord = ["async"];

    private static readonly string[] LeavesContextWord = ["ConfigureAwait"];

    private static readonly string[] VoidWord = ["void"];

    /// <summary>
    /// Whether the file can subscribe an <c>async void</c> handler that leaves the raising thread at its first
    /// <c>await</c> (<see cref="ResumesOnThePool"/>): it holds <c>async</c>, and <c>ConfigureAwait</c> or a subscription
    /// of an <c>async void</c> method or an async lambda (an event documented as raised from a thread of its own). The
    /// handler is looked for in the same file.
    /// </summary>
    private static bool MayHoldAsyncHandlers(SourceText source)
    {
        if (!SourceWords.Any(source, AsyncWord))
        {
            return false;
        }

        if (SourceWords.Any(source, LeavesContextWord))
        {
            return true;
        }

        var text = SourceWords.TextOf(source);
        return text.Contains("+=") && (SourceWords.Any(source, VoidWord) || text.Contains("+= async"));
    }

    private static readonly string[] CandidateWordsAndNew = [.. CandidateWords, .. NewWord];

    /// <summary>
    /// The nodes of <paramref name="root"/> that <see cref="IsCandidate"/> accepts, in the order a walk of every node
    /// meets them, found from the text instead: every candidate holds one of <see cref="CandidateWords"/> or a
    /// <c>new</c> (its name, the created type, an <c>AsParallel</c> in its receiver chain, the keyword), so only the
    /// tokens at those words and their ancestors are tested. Walking every node of every file that names a start was
    /// most of the model's own syntax work. A Unicode escape, which can spell a word anywhere, makes us walk them all.
    /// </summary>
    public static List<SyntaxNode> Candidates(SyntaxNode root, SourceText source)
    {
        var text = SourceWords.TextOf(source);
        if (SourceWords.HasUnicodeEscape(text))
        {
            return root.DescendantNodes().Where(IsCandidate).ToList();
        }

        var found = new HashSet<SyntaxNode>();
        foreach (var at in SourceWords.Occurrences(text, CandidateWordsAndNew))
        {
            AddCandidateAncestors(root.FindToken(at), found);
        }

        if (MayHoldAsyncHandlers(source))
        {
            // An async lambda's subscription holds its 'async'; a method group's holds the name of an 'async void'
            // method declared in the file.
            var handlerNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var at in SourceWords.Occurrences(text, AsyncWord))
            {
                var token = root.FindToken(at);
                if (token.IsKind(SyntaxKind.AsyncKeyword))
                {
                    if (token.Parent is MethodDeclarationSyntax method)
                    {
                        // An 'async void' handler's subscription, or the call that starts an async loop and keeps its task.
                        handlerNames.Add(method.Identifier.ValueText);
                    }
                    else
                    {
                        AddCandidateAncestors(token, found);
                    }
                }
            }

            if (handlerNames.Count > 0)
            {
                foreach (var at in SourceWords.Occurrences(text, handlerNames.ToArray()))
                {
                    AddCandidateAncestors(root.FindToken(at), found);
                }
            }
        }

        var candidates = found.ToList();
        candidates.Sort(static (a, b) => a.SpanStart != b.SpanStart ? a.SpanStart.CompareTo(b.SpanStart) : b.Span.End.CompareTo(a.Span.End));
        return candidates;
    }

    private static void AddCandidateAncestors(SyntaxToken token, HashSet<SyntaxNode> found)
    {
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (IsCandidate(node))
            {
                found.Add(node);
            }
        }
    }

    /// <summary>
    /// An async lambda, or the name of an <c>async void</c> method that the enclosing type declares here: a handler
    /// <see cref="ResumesOnThePool"/> may accept once bound.
    /// </summary>
    private static bool MayBeAsyncVoidHandler(ExpressionSyntax handler)
    {
        switch (handler)
        {
            case AnonymousFunctionExpressionSyntax lambda:
                return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }:
                var name = handler is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : ((IdentifierNameSyntax)handler).Identifier.ValueText;
                return handler.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type && AsyncMethodNames.Of(type).Void.Contains(name);
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>_loop = PumpAsync(…)</c> or <c>_ = PumpAsync(…)</c> where the enclosing type declares an async method of that
    /// name that returns a value (a task): a loop <see cref="IsStartedLoop"/> may accept once bound.
    /// </summary>
    private static bool MayBeStartedLoop(AssignmentExpressionSyntax assignment, InvocationExpressionSyntax call)
    {
        if (assignment.Left is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
        {
            return false;
        }

        var name = call.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
            _ => null,
        };
        return name is not null
               && assignment.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type
               && AsyncMethodNames.Of(type).Returning.Contains(name);
    }

    /// <summary>
    /// A call of one of its type's own <c>async</c> methods that return a task, whose task is discarded or kept in a field
    /// or variable rather than awaited (<c>_loop = PumpAsync(ct)</c>, <c>_ = PumpAsync(ct)</c>, <c>PumpAsync(ct);</c>):
    /// the method goes on after its first await, beside whatever the object's callers do meanwhile, and holds none of
    /// the locks held at the call. Read from syntax (set an R03: a constructor that starts an export loop).
    /// </summary>
    internal static bool StartsOwnAsyncMethod(InvocationExpressionSyntax call)
    {
        var name = call.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
            _ => null,
        };
        var kept = call.Parent switch
        {
            ExpressionStatementSyntax => true,
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } assignment
                => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == call,
            _ => false,
        };
        return name is not null && kept && call.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type && AsyncMethodNames.Of(type).Returning.Contains(name);
    }

    /// <summary>
    /// The names of the <c>async</c> methods a type declaration declares, those that return <c>void</c> and the others,
    /// read once per declaration. Every call statement and every assignment of a call in a body asks about its type's
    /// methods, and a scan of the members per question grew with the type (NLog's <c>Logger</c>, 454 methods).
    /// </summary>
    private sealed class AsyncMethodNames
    {
        private static readonly ConditionalWeakTable<TypeDeclarationSyntax, AsyncMethodNames> ByType = new();

        private static readonly HashSet<string> None = new(StringComparer.Ordinal);

        private AsyncMethodNames(TypeDeclarationSyntax type)
        {
            foreach (var member in type.Members)
            {
                if (member is not MethodDeclarationSyntax method || !method.Modifiers.Any(SyntaxKind.AsyncKeyword))
                {
                    continue;
                }

                if (method.ReturnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword))
                {
                    Void = Void == None ? new HashSet<string>(StringComparer.Ordinal) : Void;
                    Void.Add(method.Identifier.ValueText);
                }
                else
                {
                    Returning = Returning == None ? new HashSet<string>(StringComparer.Ordinal) : Returning;
                    Returning.Add(method.Identifier.ValueText);
                }
            }
        }

        public HashSet<string> Void { get; private set; } = None;

        public HashSet<string> Returning { get; private set; } = None;

        public static AsyncMethodNames Of(TypeDeclarationSyntax type) => ByType.GetValue(type, static type => new AsyncMethodNames(type));
    }

    /// <summary>
    /// After <c>new</c>: an opening parenthesis that is not closed right away, or a comment or directive we do not try
    /// to read past. <c>new()</c> (a field's <c>= new();</c>, a <c>new()</c> constraint) has no argument, and a
    /// target-typed creation is a candidate only with one, so it does not keep the file in.
    /// </summary>
    private static bool NextNonWhiteSpaceMayOpenArguments(string text, int position)
    {
        position = SkipWhiteSpace(text, position);
        if (position < text.Length && text[position] == '(')
        {
            position = SkipWhiteSpace(text, position + 1);
            return position >= text.Length || text[position] != ')';
        }

        return position < text.Length && text[position] is '/' or '#';
    }

    private static int SkipWhiteSpace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    public static bool IsCandidate(SyntaxNode node)
    {
        switch (node)
        {
            case InvocationExpressionSyntax invocation:
                var name = InvokedName(invocation.Expression);
                if (name is null)
                {
                    return false;
                }

                if (StartNames.Contains(name) || EndpointNames.Contains(name))
                {
                    return true;
                }

                // PLINQ operators: only after AsParallel() somewhere in the receiver chain.
                return MayHaveDelegateArgument(invocation.ArgumentList) && ReceiverChainHasAsParallel(invocation.Expression);
            case ObjectCreationExpressionSyntax creation:
                var typeName = creation.Type switch
                {
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    _ => null,
                };
                return typeName is "Thread" or "Timer" or "Progress";
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                return implicitCreation.ArgumentList.Arguments.Count > 0;
            case AssignmentExpressionSyntax { Right: InvocationExpressionSyntax call } kept when kept.IsKind(SyntaxKind.SimpleAssignmentExpression):
                return MayBeStartedLoop(kept, call);
            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } fired }:
                // 'StartPingTimer(ct);' of an 'async void' method the enclosing type declares (IsFiredAsyncVoid once bound).
                return MayBeAsyncVoidHandler(fired.Expression);
            case MethodDeclarationSyntax method:
                return (IsPublicAsyncVoid(method) || MayHandContinuationBack(method)) && FirstAwaitLeavesContext((SyntaxNode?)method.Body ?? method.ExpressionBody)
                       || LeavesUiThread(method);
            case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.AddAssignmentExpression):
                return assignment.Left switch
                {
                    MemberAccessExpressionSyntax access => PoolEventNames.Contains(access.Name.Identifier.ValueText),
                    IdentifierNameSyntax identifier => PoolEventNames.Contains(identifier.Identifier.ValueText),
                    _ => false,
                } || MayBeAsyncVoidHandler(assignment.Right);
            default:
                return false;
        }
    }

    /// <summary>
    /// For a candidate found by <see cref="IsCandidate"/>, before its body is bound: false when the call cannot be one
    /// of the static starts (<c>Parallel.*</c>, <c>Task.Run</c>, <c>Task.WhenAll</c>, <c>ThreadPool.*</c>) it is
    /// named like, because its receiver is a value, not a type: <c>handler?.Invoke()</c>, <c>GetList().ForEach(…)</c>,
    /// <c>_method.Invoke(…)</c>; or when a target-typed <c>new(…)</c> initializes a variable whose declared type is
    /// neither <c>Thread</c> nor <c>Timer</c>. Names are bound on their own as types, which binds no body.
    /// </summary>
    /// <remarks>
    /// <paramref name="receivers"/> keeps the answers for one file, by the receiver's text and the type declaration
    /// around it: the same receiver (<c>Task</c>, <c>Parallel</c>, <c>ThreadPool</c>) recurs at most candidates of a
    /// file, and binds alike anywhere in one type, except where a generic method's type parameter may be what it names.
    /// </remarks>
    public static bool MayStart(SyntaxNode candidate, SemanticModel semanticModel, Dictionary<string, bool> receivers)
    {
        if (candidate is ImplicitObjectCreationExpressionSyntax implicitCreation)
        {
            // 'Timer t = new(…)', 'return new(…)': a declared type says what is created.
            var declared = TargetTypeSyntax(implicitCreation);
            declared = declared is NullableTypeSyntax nullable ? nullable.ElementType : declared;
            return declared is null || SpeculativeType.Of(declared, semanticModel) is not { } created || created.Name is "Thread" or "Timer" or "Progress";
        }

        if (candidate is not InvocationExpressionSyntax invocation
            || InvokedName(invocation.Expression) is not { } name || name is "StartNew" or "ForAll" or "Register" or "UnsafeRegister" || !StartNames.Contains(name)
            || (MayHaveDelegateArgument(invocation.ArgumentList) && ReceiverChainHasAsParallel(invocation.Expression)))
        {
            return true; // not a static start, or an instance one (TaskFactory.StartNew, ParallelEnumerable.ForAll, CancellationToken.Register), or PLINQ
        }

        switch (invocation.Expression)
        {
            case MemberBindingExpressionSyntax:
                return false; // 'x?.Invoke()': a static method is never called through '?.'
            case MemberAccessExpressionSyntax access:
                if (access.Expression is not (IdentifierNameSyntax or GenericNameSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax or MemberAccessExpressionSyntax))
                {
                    return false; // 'this.Run()', 'Get().ForEach(…)', 'items[0].Invoke()': a value
                }

                return DenotesType(access.Expression, semanticModel, receivers);
            default:
                return true; // 'Run(…)' through 'using static'
        }
    }

    private static bool DenotesType(ExpressionSyntax receiver, SemanticModel semanticModel, Dictionary<string, bool> receivers)
    {
        string? key = null;
        for (var ancestor = receiver.Parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (ancestor is MethodDeclarationSyntax { TypeParameterList: not null } or LocalFunctionStatementSyntax { TypeParameterList: not null })
            {
                break;
            }

            if (ancestor is TypeDeclarationSyntax type)
            {
                key = type.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + receiver;
                break;
            }
        }

        if (key is not null && receivers.TryGetValue(key, out var known))
        {
            return known;
        }

        var denotes = SpeculativeType.Of(receiver, semanticModel) is not null;
        if (key is not null)
        {
            receivers[key] = denotes;
        }

        return denotes;
    }

    /// <summary>
    /// The type a target-typed creation gets from a declaration: the variable's type (<c>T x = new(…)</c>), or the
    /// return type of the method, local function or property it is returned from (not an async one, nor a lambda's).
    /// Null when only binding tells.
    /// </summary>
    private static TypeSyntax? TargetTypeSyntax(ImplicitObjectCreationExpressionSyntax creation)
    {
        switch (creation.Parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: false } declaration } }:
                return declaration.Type;
            case ReturnStatementSyntax:
                for (var node = creation.Parent.Parent; node is not null; node = node.Parent)
                {
                    switch (node)
                    {
                        case AnonymousFunctionExpressionSyntax:
                            return null;
                        case LocalFunctionStatementSyntax or MemberDeclarationSyntax or AccessorDeclarationSyntax:
                            return ReturnType(node);
                    }
                }

                return null;
            case ArrowExpressionClauseSyntax arrow:
                return ReturnType(arrow.Parent);
            default:
                return null;
        }
    }

    private static TypeSyntax? ReturnType(SyntaxNode? function) => function switch
    {
        MethodDeclarationSyntax method when !method.Modifiers.Any(SyntaxKind.AsyncKeyword) => method.ReturnType,
        LocalFunctionStatementSyntax local when !local.Modifiers.Any(SyntaxKind.AsyncKeyword) => local.ReturnType,
        PropertyDeclarationSyntax property => property.Type,
        IndexerDeclarationSyntax indexer => indexer.Type,
        AccessorDeclarationSyntax { RawKind: (int)SyntaxKind.GetAccessorDeclaration, Parent.Parent: BasePropertyDeclarationSyntax property } => property.Type,
        _ => null,
    };

    /// <summary>The name a call's expression invokes: <c>Run</c> in <c>Task.Run</c>, <c>x?.Invoke</c>, <c>Select&lt;T&gt;</c>.</summary>
    internal static string? InvokedName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A lambda argument, or a name that may be a method group (<c>.Select(HashFile)</c>, <c>.Where(this.IsDue)</c>).</summary>
    private static bool MayHaveDelegateArgument(ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (argument.Expression is AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReceiverChainHasAsParallel(ExpressionSyntax expression)
    {
        var current = expression;
        for (var i = 0; i < 16 && current is not null; i++)
        {
            switch (current)
            {
                case MemberAccessExpressionSyntax member:
                    current = member.Expression;
                    break;
                case InvocationExpressionSyntax invocation:
                    if (InvokedName(invocation.Expression) == "AsParallel")
                    {
                        return true;
                    }

                    current = invocation.Expression;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Adds the entries that <paramref name="operation"/> (the bound candidate node) starts.</summary>
    public void Collect(IOperation operation, List<ConcurrentEntry> entries)
    {
        switch (operation)
        {
            case IObjectCreationOperation creation when creation.Constructor is { } constructor:
                var type = constructor.ContainingType;
                if (ConcurrencyTypes.Is(type, _types.Thread) && creation.Arguments.Length > 0)
                {
                    AddThread(creation, entries);
                }
                else if (ConcurrencyTypes.Is(type, _types.ThreadingTimer) && creation.Arguments.Length > 0)
                {
                    Add(creation.Arguments[0].Value, creation, multiInstance: !FiresOneAtATime(creation), Unjoined(creation), entries);
                }
                else if (ConcurrencyTypes.Is(type.OriginalDefinition, _types.Progress) && creation.Arguments.Length > 0 && !_types.HasUiThread
                         && !UiThreadCalls.IsComponent(creation.SemanticModel?.GetEnclosingSymbol(creation.Syntax.SpanStart)?.ContainingType))
                {
                    // 'new Progress<T>(handler)' where no UI framework is referenced: with no synchronization context
                    // to capture, every Report posts the handler to the thread pool, so handlers run beside each
                    // other and beside the code that reports (set l R14, set aq R16).
                    Add(creation.Arguments[0].Value, creation, multiInstance: true, Unjoined(creation), entries);
                }

                break;
            case IEventAssignmentOperation { Adds: true } eventAssignment
                when eventAssignment.EventReference is IEventReferenceOperation { Event: { Name: "Elapsed" } timerEvent } && ConcurrencyTypes.Is(timerEvent.ContainingType, _types.TimersTimer):
                Add(eventAssignment.HandlerValue, eventAssignment, multiInstance: !RunsOneAtATime(eventAssignment), Unjoined(eventAssignment), entries);
                break;
            case IEventAssignmentOperation { Adds: true } watcherSubscription
                when watcherSubscription.EventReference is IEventReferenceOperation { Event: { } watcherEvent } && PoolEventNames.Contains(watcherEvent.Name)
                     && ConcurrencyTypes.Is(watcherEvent.ContainingType, _types.FileSystemWatcher):
                Add(watcherSubscription.HandlerValue, watcherSubscription, multiInstance: true, Unjoined(watcherSubscription), entries);
                break;
            case IEventAssignmentOperation { Adds: true } asyncSubscription
                when ResumesOnThePool(asyncSubscription.HandlerValue, (asyncSubscription.EventReference as IEventReferenceOperation)?.Event) is { } handler:
                // Each raise runs the handler on the raising thread up to its first await, one raise after another;
                // what follows runs on the pool, beside the rest of that raise and of every other one.
                entries.Add(new ConcurrentEntry(handler, asyncSubscription, multiInstance: true, asyncSubscription.Syntax.SpanStart, int.MaxValue, Root(asyncSubscription), callerJoin: asyncSubscription.Syntax));
                break;
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IDiscardOperation, Value: IInvocationOperation loop } kept
                when IsStartedLoop(loop):
                // '_loop = PumpAsync(ct)', '_ = PumpAsync(ct)': the call returns at the loop's first await, which leaves
                // for the pool; the loop goes on there beside whatever the object's users and event sources do next.
                entries.Add(new ConcurrentEntry(loop, kept, multiInstance: false, kept.Syntax.SpanStart, KeptTaskJoinedAt(kept) ?? int.MaxValue, Root(kept)) { StartsAtFirstAwait = true });
                break;
            case IMethodBodyOperation handlerBody when handlerBody.Syntax is MethodDeclarationSyntax declaration
                                                       && (IsPublicAsyncVoid(declaration) || MayHandContinuationBack(declaration) && HandsContinuationBack(handlerBody)
                                                           || LeavesUiThread(declaration)):
                // A public 'async void' method whose first await leaves the caller's context: a handler wired to an
                // event outside the compilation (a view's 'TextChanged'). Each call runs on the caller's thread up to
                // that await, one call after another; what follows runs on the pool, beside the rest of every other
                // call and beside the object's members (set as R04). A handler this file subscribes is found there too.
                // The start quoted is that first await, where the rest leaves for the pool. So is a public async
                // method that leaves its caller's context and then hands work back to a UI thread
                // (HandsContinuationBack): what it does between leaving and handing back runs on the pool, beside the
                // members the UI thread calls (set av R10, a view-model that refills its rows after
                // ConfigureAwait(false) while the screen renders them).
                var firstAwait = handlerBody.Syntax.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                    .OfType<AwaitExpressionSyntax>().FirstOrDefault();
                var bodyStart = firstAwait is not null && handlerBody.SemanticModel?.GetOperation(firstAwait) is { } awaited ? awaited : handlerBody;
                entries.Add(new ConcurrentEntry(handlerBody, bodyStart, multiInstance: IsPublicAsyncVoid(declaration), bodyStart.Syntax.SpanStart, int.MaxValue, handlerBody, callerJoin: handlerBody.Syntax));
                break;
            case IExpressionStatementOperation { Operation: IInvocationOperation fired } statement when IsFiredAsyncVoid(fired):
                // 'StartPingTimer(ct);' of the object's own 'async void' loop: the call returns at the loop's first
                // await, which leaves for the pool; the loop goes on there beside its caller (NATS.Client's ping timer).
                entries.Add(new ConcurrentEntry(fired, statement, multiInstance: false, statement.Syntax.SpanStart, int.MaxValue, Root(statement)) { StartsAtFirstAwait = true });
                break;
            case IInvocationOperation invocation:
                CollectInvocation(invocation, entries);
                break;
        }
    }

    /// <summary>
    /// A public instance async method of a class that returns a task and, after its first <c>await</c>, calls a method
    /// named like a UI thread's dispatch (<c>Post</c>, <c>Invoke</c>, <c>BeginInvoke</c>, <c>InvokeAsync</c>, …) with a
    /// lambda or method group; read on its syntax, confirmed by <see cref="HandsContinuationBack"/> once bound.
    /// </summary>
    private static bool MayHandContinuationBack(MethodDeclarationSyntax method)
        => method.Modifiers.Any(SyntaxKind.AsyncKeyword) && method.Modifiers.Any(SyntaxKind.PublicKeyword) && !method.Modifiers.Any(SyntaxKind.StaticKeyword)
           && method.ReturnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } && method.Parent is ClassDeclarationSyntax
           && ((SyntaxNode?)method.Body ?? method.ExpressionBody)?.DescendantNodes().OfType<InvocationExpressionSyntax>()
               .Any(static call => InvokedName(call.Expression) is { } name && UiThreadCalls.DispatchNames.Contains(name)
                                   && call.ArgumentList.Arguments.Any(static argument => argument.Expression is AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax)) == true;

    /// <summary>
    /// A public instance async method that returns a task, of a class whose documentation says its members are called on
    /// the UI thread ("toolbar actions arrive on the UI thread"), whose first <c>await</c> is <c>ConfigureAwait(false)</c>:
    /// what follows runs on the pool, beside the members the UI thread goes on calling (set bf R11, an editor that pushes
    /// onto its undo stack after fairing the lines in the background).
    /// </summary>
    private static bool LeavesUiThread(MethodDeclarationSyntax method)
        => method.Modifiers.Any(SyntaxKind.AsyncKeyword) && method.Modifiers.Any(SyntaxKind.PublicKeyword) && !method.Modifiers.Any(SyntaxKind.StaticKeyword)
           && method.ReturnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } && method.Parent is ClassDeclarationSyntax type
           && FirstAwaitLeavesContext((SyntaxNode?)method.Body ?? method.ExpressionBody) && DocumentedAsUiThreadType(type);

    private static readonly string[] UiThreadPhrases = ["ui thread", "main thread", "dispatcher thread"];

    /// <summary>Whether the documentation comments above <paramref name="type"/> say its members run on a UI thread, and do not deny it.</summary>
    private static bool DocumentedAsUiThreadType(ClassDeclarationSyntax type)
    {
        var documentation = Documentation(type);
        foreach (var phrase in UiThreadPhrases)
        {
            var at = documentation.IndexOf(phrase, StringComparison.Ordinal);
            if (at >= 0 && !documentation.Substring(Math.Max(0, at - 12), Math.Min(12, at)).Contains("not "))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the method of <paramref name="body"/>, after its first <c>await</c> and outside lambdas, hands a
    /// delegate to a UI thread (<see cref="UiThreadCalls.RunsOnUiThread"/>): its author knows the continuation runs
    /// elsewhere, and that the object's state belongs to the UI thread.
    /// </summary>
    private static bool HandsContinuationBack(IMethodBodyOperation body)
    {
        var firstAwait = body.Syntax.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<AwaitExpressionSyntax>().FirstOrDefault();
        if (firstAwait is null)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation call && call.Syntax.SpanStart > firstAwait.SpanStart
                && !call.Syntax.Ancestors().TakeWhile(node => node != body.Syntax).Any(static node => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                && call.Arguments.Any(static argument => argument.Value.Type?.TypeKind == TypeKind.Delegate) && UiThreadCalls.RunsOnUiThread(call))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A public instance <c>async void</c> method of a class, read on its syntax.</summary>
    private static bool IsPublicAsyncVoid(MethodDeclarationSyntax method)
        => method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
           && method.Modifiers.Any(SyntaxKind.AsyncKeyword) && method.Modifiers.Any(SyntaxKind.PublicKeyword) && !method.Modifiers.Any(SyntaxKind.StaticKeyword)
           && method.Parent is ClassDeclarationSyntax;

    /// <summary>
    /// A call statement of the object's own <c>async void</c> method whose first <c>await</c> is
    /// <c>ConfigureAwait(false)</c>: fire and forget, as <see cref="IsStartedLoop"/> for a method that returns a task.
    /// </summary>
    private static bool IsFiredAsyncVoid(IInvocationOperation call)
        => call.TargetMethod is { IsAsync: true, ReturnsVoid: true } method
           && call.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
           && method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is MethodDeclarationSyntax declaration
           && FirstAwaitLeavesContext((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody);

    /// <summary>
    /// Where the starting method waits for a task it kept in a field (<c>if (_startup.IsCompleted) await _startup;</c>
    /// after <c>_startup = StartAsync(ct)</c>): the first join of that field after the start, or null.
    /// </summary>
    private static int? KeptTaskJoinedAt(ISimpleAssignmentOperation kept)
    {
        if (kept.Target is not IFieldReferenceOperation { Field: var field })
        {
            return null;
        }

        int? first = null;
        foreach (var use in Root(kept).Descendants())
        {
            if (use is IFieldReferenceOperation reference && use.Syntax.SpanStart > kept.Syntax.Span.End
                && SymbolEqualityComparer.Default.Equals(reference.Field, field) && JoinedAt(use) is { } joined && (first is null || joined < first))
            {
                first = joined;
            }
        }

        return first;
    }

    /// <summary>
    /// A call of the object's own async method (on <c>this</c>) whose task the caller keeps or discards instead of
    /// awaiting, and whose first <c>await</c> is <c>ConfigureAwait(false)</c>.
    /// </summary>
    private static bool IsStartedLoop(IInvocationOperation call)
        => call.TargetMethod is { IsAsync: true, ReturnsVoid: false, IsStatic: false } method
           && call.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
           && method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is MethodDeclarationSyntax declaration
           && FirstAwaitLeavesContext((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody);

    /// <summary>
    /// An <c>async void</c> handler (a method or a lambda) whose first <c>await</c> is <c>ConfigureAwait(false)</c>: the
    /// rest of its body runs on the thread pool, not in the raising thread's context, so the continuations of two raises
    /// can run at the same time even when the event is raised from one thread. Without <c>ConfigureAwait(false)</c> a UI
    /// context would run them one at a time, so such a handler is not an entry, unless the event's documentation says
    /// it is raised from a thread of its own (<see cref="DocumentedAsRaisedOffThread"/>): a thread with no context to
    /// come back to, so every continuation runs on the pool (set ai R09, a scale's reader thread).
    /// </summary>
    private static IOperation? ResumesOnThePool(IOperation handlerValue, IEventSymbol? raised)
    {
        var handler = Strip(handlerValue);
        var body = handler switch
        {
            IMethodReferenceOperation { Method: { IsAsync: true, ReturnsVoid: true } method }
                => method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is MethodDeclarationSyntax declaration ? (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody : null,
            IAnonymousFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } } lambda => ((AnonymousFunctionExpressionSyntax)lambda.Syntax).Body,
            _ => null,
        };
        return FirstAwaitLeavesContext(body) || (body is not null && raised is not null && HasAwait(body) && DocumentedAsRaisedOffThread(raised)) ? handler : null;
    }

    private static readonly string[] RaisedPhrases = ["raised from", "raised on", "fired from", "fired on", "invoked from", "invoked on"];

    private static readonly string[] ContextThreadPhrases = ["ui thread", "dispatcher", "main thread", "calling thread", "caller's thread", "same thread", "synchronization context", "synchronizationcontext"];

    /// <summary>
    /// Whether the documentation of <paramref name="raised"/> says it is raised from or on a thread ("Raised from the
    /// scale's serial reader thread", "raised on a background thread"), and not the UI's, a dispatcher's or the caller's.
    /// </summary>
    private static bool DocumentedAsRaisedOffThread(IEventSymbol raised)
    {
        foreach (var reference in raised.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax().FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }

            var documentation = Documentation(declaration);
            if (documentation.Contains("thread")
                && RaisedPhrases.Any(documentation.Contains)
                && !ContextThreadPhrases.Any(documentation.Contains))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The documentation comments directly above <paramref name="declaration"/>, lower-cased, with runs of spaces, slashes and stars made one space.</summary>
    private static string Documentation(SyntaxNode declaration)
    {
        var text = new System.Text.StringBuilder();
        foreach (var piece in declaration.GetLeadingTrivia())
        {
            if (DeclaredConcurrency.IsDocumentation(piece))
            {
                text.Append(piece.ToFullString()).Append(' ');
            }
        }

        return text.Length == 0 ? string.Empty : System.Text.RegularExpressions.Regex.Replace(text.ToString().ToLowerInvariant(), @"[\s/*]+", " ");
    }

    /// <summary>Whether <paramref name="body"/> (not a lambda in it) awaits.</summary>
    private static bool HasAwait(SyntaxNode body)
        => body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<AwaitExpressionSyntax>().Any();

    /// <summary>Whether the first <c>await</c> of <paramref name="body"/> (not of a lambda in it) is <c>ConfigureAwait(false)</c>.</summary>
    private static bool FirstAwaitLeavesContext(SyntaxNode? body)
    {
        var firstAwait = body?.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<AwaitExpressionSyntax>().FirstOrDefault();
        return firstAwait?.Expression is InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" },
            ArgumentList.Arguments: { Count: 1 } arguments,
        } && arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression);
    }

    private void CollectInvocation(IInvocationOperation invocation, List<ConcurrentEntry> entries)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (ConcurrencyTypes.Is(type, _types.CancellationToken) && method.Name is "Register" or "UnsafeRegister" && invocation.Arguments.Length > 0)
        {
            // The callback runs on the thread that cancels the token (a caller's 'Cancel()', a timer's 'CancelAfter'),
            // beside the registering method's own code until the registration is disposed.
            var count = entries.Count;
            Add(invocation.Arguments[0].Value, invocation, multiInstance: false, (invocation.Syntax.SpanStart, RegisteredUntil(invocation)), entries);
            if (entries.Count > count)
            {
                entries[count].IsCancellationCallback = true;
            }

            return;
        }
        if (ConcurrencyTypes.Is(type, _types.Parallel))
        {
            var invoke = method.Name == "Invoke";
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type is IArrayTypeSymbol { ElementType.TypeKind: TypeKind.Delegate })
                {
                    foreach (var (element, addedInLoop) in DelegatesIn(argument.Value, invocation))
                    {
                        Add(element, invocation, multiInstance: !invoke || addedInLoop, Synchronous(invocation), entries);
                    }
                }
                else if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    Add(argument.Value, invocation, multiInstance: !invoke, Synchronous(invocation), entries);
                }
            }

            return;
        }

        if (EndpointNames.Contains(method.Name) && type.Name == "EndpointRouteBuilderExtensions")
        {
            // A minimal-API endpoint (matched by name, as SingletonRegistrations matches it): every request runs the
            // handler, many at once, beside the rest of the application (set bj R12, a receipt formatter's static
            // StringBuilder that two requests fill at once).
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate || argument.Parameter?.Type.Name is "Delegate" or "RequestDelegate")
                {
                    Add(argument.Value, invocation, multiInstance: true, Unjoined(invocation), entries);
                }
            }

            return;
        }

        if (ConcurrencyTypes.Is(type, _types.ParallelEnumerable))
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    Add(argument.Value, invocation, multiInstance: true, Synchronous(invocation), entries);
                }
            }

            return;
        }

        var isTaskStart = (ConcurrencyTypes.Is(type, _types.Task) && method.Name == "Run")
            || ((ConcurrencyTypes.Is(type, _types.TaskFactory) || ConcurrencyTypes.Is(type, _types.TaskFactoryOfT)) && method.Name == "StartNew")
            || (ConcurrencyTypes.Is(type, _types.ThreadPool) && method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem");
        if (isTaskStart && invocation.Arguments.Length > 0)
        {
            if (IsAwaitedAtOnce(invocation))
            {
                return; // 'await Task.Run(…)' runs one body at a time: sequential awaits are not concurrent
            }

            var repeated = IsRepeated(invocation.Syntax);
            var interval = TaskInterval(invocation);
            var perCall = !repeated && interval.End == int.MaxValue && IsStartedOnEveryCall(invocation);
            var count = entries.Count;
            Add(invocation.Arguments[0].Value, invocation, repeated, interval, entries, perCall);
            if (entries.Count > count)
            {
                entries[count].RepeatedBy = RepeatingNode(invocation.Syntax);
            }

            return;
        }

        if (ConcurrencyTypes.Is(type, _types.Task) && method.Name is "WhenAll" or "WaitAll")
        {
            CollectJoinedTasks(invocation, entries);
        }
        else if (ConcurrencyTypes.Is(type, _types.Task) && method.Name == "WhenAny")
        {
            CollectAbandonedTasks(invocation, entries);
        }
    }

    /// <summary>
    /// <c>var fetch = AttemptAsync(); var winner = await Task.WhenAny(fetch, Task.Delay(budget));</c> where
    /// <c>fetch</c> is awaited only when it won: an attempt that lost goes on after its first <c>await</c>, on the
    /// pool, beside the rest of the method and beside the attempts that follow it (set bg R06, a retry loop whose
    /// abandoned attempt counts its failure in a local the loop counts too).
    /// </summary>
    private void CollectAbandonedTasks(IInvocationOperation whenAny, List<ConcurrentEntry> entries)
    {
        var root = Root(whenAny);
        foreach (var argument in whenAny.Arguments)
        {
            foreach (var value in TaskValues(argument))
            {
                if (Strip(value) is not ILocalReferenceOperation local
                    || LocalInitializer(local.Local, whenAny) is not { } initial
                    || Strip(initial) is not IInvocationOperation { TargetMethod: var started } call
                    || !IsSourceAsync(started)
                    || LocalTaskJoinedAt(local.Local, root, call.Syntax.SpanStart, call.Syntax) != int.MaxValue)
                {
                    continue;
                }

                entries.Add(new ConcurrentEntry(call, call, IsRepeated(call.Syntax), call.Syntax.SpanStart, int.MaxValue, root)
                {
                    StartsAtFirstAwait = true,
                    RepeatedBy = RepeatingNode(call.Syntax),
                });
            }
        }
    }

    /// <summary>
    /// <c>Task.WhenAll(items.Select(async x => …))</c>, <c>Task.WhenAll(items.Select(SendAsync))</c>,
    /// <c>Task.WhenAll(FirstAsync(), SecondAsync())</c>, or a local list of such tasks: the async bodies run
    /// concurrently with each other until the join.
    /// </summary>
    private void CollectJoinedTasks(IInvocationOperation whenAll, List<ConcurrentEntry> entries)
    {
        // 'var all = Task.WhenAll(…)' joins nothing by itself: the tasks run until 'all' is waited for (set as R12:
        // only raced against a timeout by 'Task.WhenAny(all, Task.Delay(budget))').
        var end = whenAll.TargetMethod.Name == "WhenAll" && AssignedLocal(whenAll) is { } kept
            ? LocalTaskJoinedAt(kept, Root(whenAll), whenAll.Syntax.Span.End, whenAll.Syntax)
            : whenAll.Syntax.Span.End;
        var interval = (whenAll.Syntax.SpanStart, end);
        foreach (var argument in whenAll.Arguments)
        {
            foreach (var value in TaskValues(argument))
            {
                var task = Strip(value);
                if (task is ILocalReferenceOperation local)
                {
                    // 'tasks.Add(SendAsync(x))' before the join, in a loop or not.
                    foreach (var reference in References(Root(whenAll), local.Local))
                    {
                        if (reference.Syntax.SpanStart < whenAll.Syntax.SpanStart && reference.Parent is IInvocationOperation { TargetMethod.Name: "Add" } add
                            && add.Instance == reference && add.Arguments.Length == 1)
                        {
                            CollectStartedTask(add.Arguments[0].Value, whenAll, interval, entries);
                        }
                    }

                    task = LocalInitializer(local.Local, whenAll) ?? task;
                }

                CollectStartedTask(task, whenAll, interval, entries);
            }
        }
    }

    /// <summary>
    /// The task values of one argument: the argument itself, or the elements of a <c>params</c> argument. A compiler
    /// for C# 13 or later binds <c>Task.WhenAll(a, b)</c> on .NET 9+ to <c>params ReadOnlySpan&lt;Task&gt;</c>, a
    /// collection-expression operation this Roslyn version has no interface for; its children are the elements.
    /// </summary>
    private static IEnumerable<IOperation> TaskValues(IArgumentOperation argument)
    {
        var value = Strip(argument.Value);
        if (value is IArrayCreationOperation { Initializer: { } initializer })
        {
            return initializer.ElementValues;
        }

        return argument.ArgumentKind is ArgumentKind.Explicit or ArgumentKind.DefaultValue && value.Syntax is not CollectionExpressionSyntax
            ? new[] { value }
            : value.ChildOperations;
    }

    private void CollectStartedTask(IOperation task, IInvocationOperation whenAll, (int Start, int End) interval, List<ConcurrentEntry> entries)
    {
        task = Strip(task);
        if (task is not IInvocationOperation invocation)
        {
            return;
        }

        var method = invocation.TargetMethod;
        if (method.Name is "ToList" or "ToArray" && invocation.Arguments.Length == 1 && ConcurrencyTypes.Is(method.ContainingType, _types.Enumerable))
        {
            CollectStartedTask(invocation.Arguments[0].Value, whenAll, interval, entries);
            return;
        }

        if (method.Name is "Select" or "ConvertAll" && invocation.Arguments.Length >= 1
            && Strip(invocation.Arguments[invocation.Arguments.Length - 1].Value) is var selector && StartsAsyncBody(selector))
        {
            // One task per item, all running at once.
            entries.Add(new ConcurrentEntry(selector, invocation, multiInstance: true, interval.Start, interval.End, Root(whenAll), whenAll.Syntax));
            return;
        }

        if (IsSourceAsync(method))
        {
            // A source async method whose task is joined later: its body after the first await runs concurrently.
            entries.Add(new ConcurrentEntry(invocation, invocation, IsRepeated(invocation.Syntax), invocation.Syntax.SpanStart, interval.End, Root(whenAll), whenAll.Syntax));
        }
    }

    /// <summary>
    /// A selector whose tasks run async code of this compilation: an async lambda, a method group of a source async
    /// method (<c>Select(SendAsync)</c>), or a lambda that returns the task of one (<c>Select(x => SendAsync(x))</c>).
    /// </summary>
    private static bool StartsAsyncBody(IOperation selector)
    {
        switch (selector)
        {
            case IAnonymousFunctionOperation { Symbol.IsAsync: true }:
                return true;
            case IMethodReferenceOperation reference:
                return IsSourceAsync(reference.Method);
            case IAnonymousFunctionOperation lambda:
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is IReturnOperation { ReturnedValue: { } returned } && Strip(returned) is IInvocationOperation call && IsSourceAsync(call.TargetMethod))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsSourceAsync(IMethodSymbol method) => method.IsAsync && !method.DeclaringSyntaxReferences.IsEmpty;

    /// <summary>
    /// The delegates in an array handed to <c>Parallel.Invoke</c>: written in the call, or gathered first in a local
    /// array (<c>var work = new Action[] { A, B }</c>) or list (<c>work.Add(A); … work.ToArray()</c>).
    /// </summary>
    /// <remarks>A delegate added in a loop that the call is not in runs once per iteration, all at the same time.</remarks>
    private IEnumerable<(IOperation Delegate, bool AddedInLoop)> DelegatesIn(IOperation value, IOperation within)
    {
        value = Strip(value);
        if (value is IInvocationOperation { TargetMethod.Name: "ToArray", Instance: { } list })
        {
            value = Strip(list);
        }
        else if (value is IInvocationOperation { TargetMethod: { Name: "ToArray", IsExtensionMethod: true } } extension && extension.Arguments.Length == 1)
        {
            value = Strip(extension.Arguments[0].Value);
        }

        if (value is ILocalReferenceOperation local)
        {
            foreach (var reference in References(Root(within), local.Local))
            {
                // Elements added before the call: 'work.Add(() => …)'.
                if (reference.Syntax.SpanStart < within.Syntax.SpanStart && reference.Parent is IInvocationOperation { TargetMethod.Name: "Add" } add
                    && add.Instance == reference && add.Arguments.Length == 1)
                {
                    yield return (add.Arguments[0].Value, IsRepeated(add.Syntax) && !IsRepeated(within.Syntax));
                }
            }

            value = LocalInitializer(local.Local, within) is { } initial ? Strip(initial) : value;
        }

        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    yield return (element, false);
                }

                break;
            case IObjectCreationOperation { Initializer: { } collection }:
                foreach (var initializer in collection.Initializers)
                {
                    if (initializer is IInvocationOperation { TargetMethod.Name: "Add" } add && add.Arguments.Length == 1)
                    {
                        yield return (add.Arguments[0].Value, false);
                    }
                }

                break;
        }
    }

    private static IOperation? LocalInitializer(ILocalSymbol local, IOperation within)
    {
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer: { } } declarator && declarator.SpanStart < within.Syntax.SpanStart)
            {
                var root = Root(within);
                foreach (var candidate in root.Descendants())
                {
                    if (candidate is IVariableDeclaratorOperation declaration && declaration.Syntax == declarator)
                    {
                        return declaration.Initializer?.Value;
                    }
                }
            }
        }

        return null;
    }

    private void AddThread(IObjectCreationOperation creation, List<ConcurrentEntry> entries)
    {
        var start = creation.Syntax.SpanStart;
        var end = int.MaxValue;
        var root = Root(creation);
        if (AssignedLocal(creation) is { } local)
        {
            var started = false;
            foreach (var use in References(root, local))
            {
                if (use.Syntax.SpanStart <= creation.Syntax.SpanStart)
                {
                    continue;
                }

                if (!started && use.Parent is IInvocationOperation { TargetMethod.Name: "Start" } startCall)
                {
                    start = startCall.Syntax.SpanStart;
                    started = true;
                }
                else if (started && use.Parent is IInvocationOperation { TargetMethod.Name: "Join" } join)
                {
                    end = join.Syntax.SpanStart;
                    break;
                }
            }
        }

        var count = entries.Count;
        Add(creation.Arguments[0].Value, creation, IsRepeated(creation.Syntax), (start, end), entries);
        if (entries.Count > count)
        {
            entries[count].RepeatedBy = RepeatingNode(creation.Syntax);
        }
    }

    private (int Start, int End) TaskInterval(IInvocationOperation invocation)
    {
        var start = invocation.Syntax.SpanStart;
        var root = Root(invocation);
        var holder = TaskHolder(invocation);
        if ((AssignedLocal(holder) ?? AddedToLocal(holder)) is not { } local)
        {
            return (start, JoinedAt(holder) ?? int.MaxValue);
        }

        return (start, LocalTaskJoinedAt(local, root, start, invocation.Syntax));
    }

    /// <summary>
    /// Where the task, or tasks, that <paramref name="local"/> holds from <paramref name="start"/> on are waited for on
    /// every path (see <see cref="LocalJoinedAt"/>, <see cref="IsJoinedOnlyWhenDone"/>, <see cref="TimeoutExitBefore"/>),
    /// or <see cref="int.MaxValue"/>: the work may still run when the method returns.
    /// </summary>
    private int LocalTaskJoinedAt(ILocalSymbol local, IOperation root, int start, SyntaxNode started)
    {
        var raced = false;
        foreach (var use in References(root, local))
        {
            if (use.Syntax.SpanStart <= start)
            {
                continue;
            }

            if (LocalJoinedAt(use, root) is { } joined && !IsJoinedOnlyWhenDone(use, local, started))
            {
                return raced && TimeoutExitBefore(root, local, start, joined) is { } exited ? exited : joined;
            }

            raced |= use.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "WhenAny" } }
                     || use.Parent is IArrayInitializerOperation { Parent.Parent: IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "WhenAny" } } };
        }

        return raced && TimeoutExitBefore(root, local, start, int.MaxValue) is { } exit ? exit : int.MaxValue;
    }

    /// <summary>
    /// For a task raced against a timeout: the end of the first <c>if</c> between the start and <paramref name="before"/>
    /// that leaves the method when the task is not done (<c>if (winner != sweep) throw new TimeoutException();</c>,
    /// <c>if (!complete) return Partial();</c>): past it the task has finished, or null.
    /// </summary>
    private static int? TimeoutExitBefore(IOperation root, ILocalSymbol task, int start, int before)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is IConditionalOperation { Syntax: IfStatementSyntax check, WhenFalse: null } conditional
                && check.SpanStart > start && check.Span.End < before && Exits(check.Statement)
                && TestsNotDone(conditional.Condition, task, depth: 0))
            {
                return check.Span.End;
            }
        }

        return null;

        static bool Exits(StatementSyntax statement)
            => (statement is BlockSyntax block ? block.Statements.LastOrDefault() : statement) is ThrowStatementSyntax or ReturnStatementSyntax
               || statement is ExpressionStatementSyntax { Expression: ThrowExpressionSyntax };
    }

    /// <summary>Whether <paramref name="condition"/> is true when <paramref name="task"/> is not done (the negation of <see cref="TestsDone"/>).</summary>
    private static bool TestsNotDone(IOperation condition, ILocalSymbol task, int depth)
    {
        condition = Strip(condition);
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return TestsDone(not.Operand, task, depth);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } comparison:
                return ComparesWinner(comparison.LeftOperand, comparison.RightOperand, task);
            case ILocalReferenceOperation flag when depth < 2 && flag.Local.Type.SpecialType == SpecialType.System_Boolean:
                return InitialValue(flag) is { } value && TestsNotDone(value, task, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>
    /// <see cref="JoinedAt"/> for a use of a local task or task list, where <c>Task.WhenAll</c> of it is kept in a local
    /// of its own (<c>var all = Task.WhenAll(sweeps);</c>): joined where that local is (set ar R07: only raced against a
    /// timeout by <c>Task.WhenAny(all, Task.Delay(budget))</c>, never awaited).
    /// </summary>
    private int? LocalJoinedAt(ILocalReferenceOperation use, IOperation root)
    {
        if (AssignedLocal(use.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "WhenAll" } whenAll } ? whenAll : use) is not { } combined
            || ReferenceEquals(combined, use.Local))
        {
            return JoinedAt(use);
        }

        foreach (var later in References(root, combined))
        {
            if (later.Syntax.SpanStart > use.Syntax.SpanStart && JoinedAt(later) is { } joined)
            {
                return joined;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the join at <paramref name="use"/> runs only in the branch of an <c>if</c> that tests that the task is
    /// already done (<c>if (winner == sweep) await sweep;</c>, <c>if (complete)</c> with <c>complete = winner == sweep</c>
    /// after <c>Task.WhenAny(sweep, Task.Delay(…))</c>, <c>if (sweep.IsCompleted)</c>): the other path, the one that
    /// timed out, never waits, so the work may still run after the <c>if</c> (set aq R10). A join in the branch that
    /// tests the opposite (<c>if (winner != all) { cts.Cancel(); await all; }</c>) waits on every path.
    /// </summary>
    private static bool IsJoinedOnlyWhenDone(ILocalReferenceOperation use, ILocalSymbol task, SyntaxNode start)
    {
        for (var node = use.Syntax.Parent; node is not null && !node.Span.Contains(start.Span); node = node.Parent)
        {
            if (node is IfStatementSyntax check && check.Statement.Span.Contains(use.Syntax.Span)
                && use.SemanticModel?.GetOperation(check.Condition) is { } condition)
            {
                return TestsDone(condition, task, depth: 0);
            }

            if (node is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } both && both.Right.Span.Contains(use.Syntax.Span)
                && use.SemanticModel?.GetOperation(both.Left) is { } first && TestsDone(first, task, depth: 0))
            {
                return true; // 'if (winner == fetch && await fetch is { } report)': awaited only when it won
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="condition"/> is true when <paramref name="task"/> is done (see <see cref="IsJoinedOnlyWhenDone"/>).</summary>
    private static bool TestsDone(IOperation condition, ILocalSymbol task, int depth)
    {
        condition = Strip(condition);
        switch (condition)
        {
            case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully", Instance: ILocalReferenceOperation done }:
                return SymbolEqualityComparer.Default.Equals(done.Local, task);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } comparison:
                return ComparesWinner(comparison.LeftOperand, comparison.RightOperand, task);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return TestsNotDone(not.Operand, task, depth);
            case ILocalReferenceOperation flag when depth < 2 && flag.Local.Type.SpecialType == SpecialType.System_Boolean:
                return InitialValue(flag) is { } value && TestsDone(value, task, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>Whether two compared operands are <paramref name="task"/> and the winner of a <c>Task.WhenAny</c>: equal when the task is done.</summary>
    private static bool ComparesWinner(IOperation left, IOperation right, ILocalSymbol task)
    {
        return IsTask(left) && IsWhenAnyWinner(right) || IsTask(right) && IsWhenAnyWinner(left);

        bool IsTask(IOperation operand)
            => Strip(operand) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, task);

        static bool IsWhenAnyWinner(IOperation operand)
        {
            var value = Strip(operand);
            if (value is ILocalReferenceOperation winner && InitialValue(winner) is { } initial)
            {
                value = Strip(initial);
            }

            if (value is IAwaitOperation awaited)
            {
                value = Strip(awaited.Operation);
            }

            if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                value = Strip(configured);
            }

            return value is IInvocationOperation { TargetMethod.Name: "WhenAny" };
        }
    }

    /// <summary>The value a local is declared with (<c>var complete = winner == sweep;</c>), or null.</summary>
    private static IOperation? InitialValue(ILocalReferenceOperation local)
        => local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initial }
            ? local.SemanticModel?.GetOperation(initial)
            : null;

    /// <summary>
    /// The value that carries a started task on to its join: the task itself, or the sequence of a
    /// <c>Select(x => Task.Run(…))</c> that holds it, after <c>ToArray()</c>/<c>ToList()</c>.
    /// </summary>
    private static IOperation TaskHolder(IOperation task)
    {
        var current = task;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IReturnOperation { Parent: IBlockOperation { Parent: IAnonymousFunctionOperation lambda } })
        {
            return task;
        }

        IOperation selector = lambda;
        while (selector.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            selector = selector.Parent;
        }

        if (selector.Parent is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Select" } select })
        {
            return task;
        }

        current = select;
        while (current.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" } materialized })
        {
            current = materialized;
        }

        return current;
    }

    /// <summary>The local list or array a task is stored in: <c>tasks.Add(t)</c>, <c>tasks[i] = t</c>.</summary>
    private static ILocalSymbol? AddedToLocal(IOperation task)
    {
        var parent = task.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list } } => list.Local,
            ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } } => array.Local,
            _ => null,
        };
    }

    /// <summary>The position at which a task value is waited for: <c>await t</c>, <c>t.Wait()</c>, <c>t.Result</c>, <c>Task.WhenAll(…, t, …)</c>.</summary>
    private static int? JoinedAt(IOperation task)
    {
        var current = task;
        for (var i = 0; i < 6 && current.Parent is { } parent; i++)
        {
            switch (parent)
            {
                case IAwaitOperation await:
                    return await.Syntax.SpanStart;
                case IInvocationOperation { TargetMethod.Name: "Wait" or "GetAwaiter" or "WaitAll" or "WhenAll" or "WaitAny" or "WhenAny" or "ConfigureAwait" } call:
                    if (call.TargetMethod.Name is "ConfigureAwait" or "GetAwaiter")
                    {
                        current = parent;
                        continue;
                    }

                    if (call.TargetMethod.Name is "WhenAny" or "WaitAny" && (call.Arguments.Length > 1 && call.Arguments[1].Parameter?.Type is { Name: "Task" }
                                                                        || call.Arguments.Length == 1 && call.Arguments[0].ArgumentKind == ArgumentKind.ParamArray))
                    {
                        // 'Task.WhenAny(sweep, Task.Delay(budget))' (its two-task overload or the params one) waits for
                        // the first of the tasks it names: the others may run on (set aq R10). One over a list
                        // ('while (pending.Count > 0) { var done = await Task.WhenAny(pending); … }') is taken for the
                        // join of the list, as before.
                        return null;
                    }

                    // A task started inside the joining call's own arguments ('Task.WhenAll(Task.Run(a), Task.Run(b))')
                    // starts after that call's first token: it is joined where the call ends, not where it begins.
                    return call.Syntax.Span.Contains(task.Syntax.Span) ? call.Syntax.Span.End : call.Syntax.SpanStart;
                case IPropertyReferenceOperation { Property.Name: "Result" } result:
                    return result.Syntax.SpanStart;
                case IConversionOperation or IArgumentOperation or IArrayInitializerOperation or IArrayCreationOperation:
                case IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" }: // 'Task.WaitAll(tasks.ToArray())'
                    current = parent;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary><c>await Task.Run(…)</c>, <c>Task.Run(…).Wait()</c>, <c>Task.Run(…).Result</c>: nothing else runs meanwhile.</summary>
    private static bool IsAwaitedAtOnce(IInvocationOperation invocation)
    {
        IOperation current = invocation;
        for (var i = 0; i < 4 && current.Parent is { } parent; i++)
        {
            switch (parent)
            {
                case IAwaitOperation:
                case IInvocationOperation { TargetMethod.Name: "Wait" } wait when wait.Instance == current:
                case IPropertyReferenceOperation { Property.Name: "Result" }:
                case IInvocationOperation { TargetMethod.Name: "GetResult" }:
                    return true;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" }:
                case IConversionOperation:
                    current = parent;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the <c>Elapsed</c> handler of a <c>System.Timers.Timer</c> runs one call at a time: the timer is created
    /// with <c>AutoReset = false</c> (or set so where it is subscribed), so it fires once per start, and nothing but the
    /// subscribing member and the handler itself starts it again (<c>Start()</c>, <c>Enabled = true</c>). The usual
    /// form re-arms the timer in the handler's <c>finally</c>; then two runs never overlap.
    /// </summary>
    private static bool RunsOneAtATime(IEventAssignmentOperation subscription)
    {
        if (subscription.EventReference is not IEventReferenceOperation { Instance: { } instance }
            || TimerSymbol(Strip(instance)) is not { } timer)
        {
            return false;
        }

        var root = Root(subscription);
        if (!root.DescendantsAndSelf().Any(operation => SetsAutoResetOff(operation, timer)))
        {
            return false;
        }

        if (StartingSpans(root, subscription.HandlerValue) is not { } allowed)
        {
            return false;
        }

        if (timer is ILocalSymbol)
        {
            return true; // only the subscribing member can name a local
        }

        foreach (var reference in ((IFieldSymbol)timer).ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(), timer.Name))
            {
                if (token.Parent is IdentifierNameSyntax name
                    && (name.Parent is MemberAccessExpressionSyntax access && access.Expression == name ? access : name.Parent) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Start" or "Enabled" }
                    && (reference.SyntaxTree != root.Syntax.SyntaxTree || !allowed.Any(span => span.Contains(token.Span)))
                    && !IsBehindOneShotGate(name, reference.GetSyntax()))
                {
                    return false; // started from elsewhere, possibly while the handler runs
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="node"/> runs at most once per object: inside <c>if (Interlocked.Exchange(ref _started, 1)
    /// == 0)</c> (or <c>CompareExchange(ref _started, 1, 0) == 0</c>), with a flag nothing in <paramref name="type"/>
    /// sets back (no other store into it, no other <c>Interlocked</c> call on it). A timer started there is started
    /// once, so it does not run beside the handler that re-arms it.
    /// </summary>
    private static bool IsBehindOneShotGate(SyntaxNode node, SyntaxNode type)
    {
        if (IsBehindLockedOnceFlag(node, type))
        {
            return true;
        }

        var gate = node.Ancestors().OfType<IfStatementSyntax>().FirstOrDefault(check => check.Statement.Span.Contains(node.Span));
        if (gate?.Condition is not BinaryExpressionSyntax { Left: InvocationExpressionSyntax call, Right: LiteralExpressionSyntax { Token.ValueText: "0" } } equals
            || !equals.IsKind(SyntaxKind.EqualsExpression)
            || call.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Interlocked" }, Name.Identifier.ValueText: "Exchange" or "CompareExchange" }
            || call.ArgumentList.Arguments.Count < 2
            || call.ArgumentList.Arguments[0] is not { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword, Expression: IdentifierNameSyntax { Identifier.ValueText: var flag } })
        {
            return false;
        }

        foreach (var token in SourceWords.IdentifiersNamed(type, flag))
        {
            if (token.Parent is not IdentifierNameSyntax use || call.ArgumentList.Arguments[0].Expression == use)
            {
                continue;
            }

            if (use.Parent is AssignmentExpressionSyntax assignment && assignment.Left == use
                || use.Parent is ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword } argument && argument.Parent?.Parent is InvocationExpressionSyntax
                   {
                       Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: not "Read" }
                   })
            {
                return false; // set back elsewhere: the gate can open again
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="node"/> runs at most once per object behind a flag checked and set under a lock:
    /// <c>lock (_gate) { if (_started || _stopped) return; _started = true; _timer.Start(); }</c>, where nothing in
    /// <paramref name="type"/> stores anything but <c>true</c> into the flag (set ak C26).
    /// </summary>
    private static bool IsBehindLockedOnceFlag(SyntaxNode node, SyntaxNode type)
    {
        var statement = node.FirstAncestorOrSelf<StatementSyntax>(s => s.Parent is BlockSyntax);
        if (statement?.Parent is not BlockSyntax { Parent: LockStatementSyntax } block)
        {
            return false;
        }

        string? flag = null;
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var earlier in block.Statements)
        {
            if (earlier == statement)
            {
                break;
            }

            if (earlier is IfStatementSyntax { Else: null } refusal && Leaves(refusal.Statement))
            {
                refused.UnionWith(OredNames(refusal.Condition));
            }
            else if (earlier is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var name }, Right: LiteralExpressionSyntax right } assignment }
                     && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && right.IsKind(SyntaxKind.TrueLiteralExpression) && refused.Contains(name))
            {
                flag = name;
            }
        }

        if (flag is null)
        {
            return false;
        }

        foreach (var token in SourceWords.IdentifiersNamed(type, flag))
        {
            if (token.Parent is IdentifierNameSyntax use
                && (use.Parent is AssignmentExpressionSyntax store && store.Left == use && !(store.IsKind(SyntaxKind.SimpleAssignmentExpression) && store.Right.IsKind(SyntaxKind.TrueLiteralExpression))
                    || use.Parent is ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword }))
            {
                return false; // set back elsewhere: the gate can open again
            }
        }

        return true;
    }

    /// <summary>Whether a statement only leaves: <c>return;</c>, <c>throw …;</c>, or a block of one of them.</summary>
    private static bool Leaves(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax { Statements.Count: 1 } block => Leaves(block.Statements[0]),
        _ => false,
    };

    /// <summary>The plain names a condition tests with <c>||</c>: <c>_started || _stopped</c> tests both.</summary>
    private static IEnumerable<string> OredNames(ExpressionSyntax condition) => condition switch
    {
        ParenthesizedExpressionSyntax parenthesized => OredNames(parenthesized.Expression),
        BinaryExpressionSyntax either when either.IsKind(SyntaxKind.LogicalOrExpression) => OredNames(either.Left).Concat(OredNames(either.Right)),
        IdentifierNameSyntax name => [name.Identifier.ValueText],
        _ => [],
    };

    /// <summary>
    /// Whether the callback of a <c>System.Threading.Timer</c> runs one call at a time: the timer never repeats (its
    /// period is infinite where it is created and in every <c>Change</c>), and only the creating member and the
    /// callback itself arm it (any other <c>Change</c> only disarms it, with an infinite due time). The usual form is
    /// a one-shot timer re-armed in the callback's <c>finally</c>; then two runs never overlap.
    /// </summary>
    private static bool FiresOneAtATime(IObjectCreationOperation creation)
    {
        if (creation.Arguments.Length == 4 && !IsInfinite(creation.Arguments[3].Syntax is ArgumentSyntax period ? period.Expression : null))
        {
            return false; // a periodic timer starts each run on time, whether or not the last one has finished
        }

        IOperation? stored = creation.Parent;
        while (stored is IConversionOperation)
        {
            stored = stored.Parent;
        }

        var timer = stored switch
        {
            ISimpleAssignmentOperation assignment => TimerSymbol(Strip(assignment.Target)),
            ICoalesceAssignmentOperation coalesce => TimerSymbol(Strip(coalesce.Target)), // '_timer ??= new Timer(…)'
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            _ => null,
        };
        if (timer is not (IFieldSymbol or ILocalSymbol))
        {
            return false; // a timer nobody can name again is never re-armed, but then a periodic one would be the point
        }

        var root = Root(creation);
        if (StartingSpans(root, creation.Arguments[0].Value) is not { } allowed)
        {
            return false;
        }

        var declarations = timer is IFieldSymbol field
            ? field.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax())
            : [root.Syntax];
        foreach (var declaration in declarations)
        {
            foreach (var token in SourceWords.IdentifiersNamed(declaration, timer.Name))
            {
                if (token.Parent is not IdentifierNameSyntax name || ChangeOf(name) is not { } change)
                {
                    continue;
                }

                var arguments = change.ArgumentList.Arguments;
                if (arguments.Count != 2 || !IsInfinite(arguments[1].Expression))
                {
                    return false; // made periodic, or a Change we do not read
                }

                if (!IsInfinite(arguments[0].Expression)
                    && (declaration.SyntaxTree != root.Syntax.SyntaxTree || !(allowed.Any(span => span.Contains(token.Span)) || InHelperOf(change, allowed, declarations)))
                    && !ArmsOnce(change, declarations))
                {
                    return false; // armed from elsewhere, possibly while the callback runs
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The <c>Change</c> call on the timer that <paramref name="name"/> names: <c>_timer.Change(…)</c>,
    /// <c>this._timer.Change(…)</c> or <c>_timer?.Change(…)</c>.
    /// </summary>
    private static InvocationExpressionSyntax? ChangeOf(IdentifierNameSyntax name)
    {
        SyntaxNode receiver = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == name ? qualified : name;
        return receiver.Parent switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Change", Parent: InvocationExpressionSyntax change } access when access.Expression == receiver => change,
            ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Change" } } change } conditional
                when conditional.Expression == receiver => change,
            _ => null,
        };
    }

    /// <summary>
    /// Whether <paramref name="change"/> runs at most once in the object's life: inside
    /// <c>if (Interlocked.Exchange(ref _started, 1) == 0)</c> (or <c>CompareExchange(ref _started, 1, 0) == 0</c>) on a
    /// field that nothing else writes. A <c>Start()</c> that arms the timer the first time it is called adds no
    /// second run beside the callback's own re-arming.
    /// </summary>
    /// <summary>
    /// Whether <paramref name="change"/> is in a private method that is only called from the places allowed to arm the
    /// timer (<c>Rearm()</c>, called from the callback's <c>finally</c>): the callback's own helper.
    /// </summary>
    private static bool InHelperOf(InvocationExpressionSyntax change, List<Microsoft.CodeAnalysis.Text.TextSpan> allowed, IEnumerable<SyntaxNode> declarations)
    {
        if (change.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } helper
            || !MethodSyntaxFacts.IsPrivate(helper))
        {
            return false;
        }

        var name = helper.Identifier.ValueText;
        var calls = 0;
        foreach (var declaration in declarations)
        {
            foreach (var token in SourceWords.IdentifiersNamed(declaration, name))
            {
                if (token.Parent is not IdentifierNameSyntax reference || reference.Parent is MethodDeclarationSyntax)
                {
                    continue;
                }

                // Used as anything but a call (a delegate) or called from elsewhere: it can arm the timer at any time,
                // unless that call arms it once (from 'Start', or behind a once-gate: set bk C20's 'Rearm(TimeSpan.Zero)'
                // under 'if (Interlocked.Exchange(ref _started, 1) == 0)').
                if (reference.Parent is not InvocationExpressionSyntax call || declaration.SyntaxTree != change.SyntaxTree
                    || !(allowed.Any(span => span.Contains(token.Span)) || ArmsOnce(call, declarations)))
                {
                    return false;
                }

                calls++;
            }
        }

        return calls > 0;
    }

    private static bool ArmsOnce(InvocationExpressionSyntax change, IEnumerable<SyntaxNode> declarations)
    {
        SyntaxNode child = change;
        foreach (var ancestor in change.Ancestors())
        {
            if (ancestor is MemberDeclarationSyntax member)
            {
                // 'public void Start() => _timer.Change(_interval, Timeout.InfiniteTimeSpan);': the owner starts a
                // service once, as the host calls a hosted service's StartAsync once; starting it twice is a misuse,
                // as disposing it while in use is.
                return member is MethodDeclarationSyntax { Identifier.ValueText: "Start" or "StartAsync" };
            }

            var flag = ancestor switch
            {
                IfStatementSyntax gate when child == gate.Statement => OnceGate(gate.Condition, SyntaxKind.EqualsExpression),

                // 'if (Interlocked.Exchange(ref _started, 1) != 0) throw …;' earlier in the block: a guard clause.
                BlockSyntax block when child is StatementSyntax statement => GuardClauseBefore(block, statement),
                _ => null,
            };
            if (flag is { } once)
            {
                foreach (var declaration in declarations)
                {
                    foreach (var token in SourceWords.IdentifiersNamed(declaration, once.Name))
                    {
                        if (token.Parent is IdentifierNameSyntax name && name != once.Reference && IsWritten(name))
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            child = ancestor;
        }

        return false;
    }

    /// <summary>The flag of a once-gate written as a guard clause before <paramref name="statement"/>: an <c>if</c> on <c>Interlocked.Exchange(ref f, 1) != 0</c> that throws or returns.</summary>
    private static (string Name, IdentifierNameSyntax Reference)? GuardClauseBefore(BlockSyntax block, StatementSyntax statement)
    {
        foreach (var earlier in block.Statements)
        {
            if (earlier == statement)
            {
                break;
            }

            if (earlier is IfStatementSyntax { Else: null } guard && Exits(guard.Statement) && OnceGate(guard.Condition, SyntaxKind.NotEqualsExpression) is { } flag)
            {
                return flag;
            }
        }

        return null;
    }

    private static bool Exits(StatementSyntax statement) => statement switch
    {
        ThrowStatementSyntax or ReturnStatementSyntax => true,
        BlockSyntax { Statements: { Count: > 0 } statements } => Exits(statements.Last()),
        _ => false,
    };

    /// <summary>
    /// The flag of <c>Interlocked.Exchange(ref f, 1) == 0</c> or <c>Interlocked.CompareExchange(ref f, 1, 0) == 0</c>
    /// (or of the same with <c>!=</c>, when <paramref name="comparison"/> asks for that).
    /// </summary>
    private static (string Name, IdentifierNameSyntax Reference)? OnceGate(ExpressionSyntax condition, SyntaxKind comparison)
    {
        if (condition is not BinaryExpressionSyntax equals || !equals.IsKind(comparison)
            || (equals.Left is InvocationExpressionSyntax ? equals.Left : equals.Right) is not InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Interlocked" }, Name.Identifier.ValueText: "Exchange" or "CompareExchange" } method,
                ArgumentList.Arguments: { Count: >= 2 } arguments,
            } call
            || (call == equals.Left ? equals.Right : equals.Left) is not LiteralExpressionSyntax { Token.ValueText: "0" }
            || !arguments[0].RefKindKeyword.IsKind(SyntaxKind.RefKeyword)
            || arguments[1].Expression is not LiteralExpressionSyntax { Token.ValueText: not "0" }
            || (method.Name.Identifier.ValueText == "CompareExchange" && (arguments.Count != 3 || arguments[2].Expression is not LiteralExpressionSyntax { Token.ValueText: "0" })))
        {
            return null;
        }

        return arguments[0].Expression switch
        {
            IdentifierNameSyntax field => (field.Identifier.ValueText, field),
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax field } => (field.Identifier.ValueText, field),
            _ => null,
        };
    }

    /// <summary>An assignment's target, an increment's operand, or a <c>ref</c>/<c>out</c> argument.</summary>
    internal static bool IsWritten(IdentifierNameSyntax name)
    {
        SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return target.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == target,
            PrefixUnaryExpressionSyntax prefix => prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression),
            PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression),
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
            _ => false,
        };
    }

    /// <summary><c>Timeout.Infinite</c>, <c>Timeout.InfiniteTimeSpan</c> or <c>-1</c>, as a timer's due time or period.</summary>
    private static bool IsInfinite(ExpressionSyntax? value) => value switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Infinite" or "InfiniteTimeSpan", Expression: var owner } => owner.ToString() is "Timeout" or "System.Threading.Timeout" or "global::System.Threading.Timeout",
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { Token.ValueText: "1" } } => true,
        _ => false,
    };

    /// <summary>
    /// Where a one-shot timer may be started again without two runs overlapping: the member that creates or subscribes
    /// it (<paramref name="root"/>) and its handler, a method or a lambda; null for a handler of another kind.
    /// </summary>
    private static List<Microsoft.CodeAnalysis.Text.TextSpan>? StartingSpans(IOperation root, IOperation handler)
    {
        var spans = new List<Microsoft.CodeAnalysis.Text.TextSpan> { root.Syntax.Span };
        switch (Strip(handler))
        {
            case IMethodReferenceOperation { Method: var method }:
                spans.AddRange(method.DeclaringSyntaxReferences.Select(r => r.Span));
                return spans;
            case IAnonymousFunctionOperation lambda:
                spans.Add(lambda.Syntax.Span);
                if (OnlyCall(lambda) is { } called && called.DeclaringSyntaxReferences.Length > 0)
                {
                    // '(_, _) => OnElapsed()': the handler is that method, which re-arms the timer in its 'finally'.
                    spans.AddRange(called.DeclaringSyntaxReferences.Select(r => r.Span));
                }

                return spans;
            default:
                return null;
        }
    }

    /// <summary>The method of its own type a lambda does nothing but call (<c>(_, _) => OnElapsed()</c>), or null.</summary>
    private static IMethodSymbol? OnlyCall(IAnonymousFunctionOperation lambda)
    {
        var statements = lambda.Body.Operations.Where(operation => !operation.IsImplicit || operation is not IReturnOperation { ReturnedValue: null }).ToList();
        var only = statements.Count == 1 ? statements[0] : null;
        only = only switch
        {
            IExpressionStatementOperation statement => statement.Operation,
            IReturnOperation { ReturnedValue: { } value } => value,
            _ => null,
        };
        return only is IInvocationOperation { TargetMethod: { MethodKind: MethodKind.Ordinary } target, Instance: null or IInstanceReferenceOperation }
               && SymbolEqualityComparer.Default.Equals(target.ContainingType?.OriginalDefinition, lambda.Symbol.ContainingType?.OriginalDefinition)
            ? target
            : null;
    }

    private static ISymbol? TimerSymbol(IOperation reference) => reference switch
    {
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        ILocalReferenceOperation local => local.Local,
        _ => null,
    };

    /// <summary><c>timer.AutoReset = false</c>, or <c>AutoReset = false</c> in the initializer of the timer's creation.</summary>
    private static bool SetsAutoResetOff(IOperation operation, ISymbol timer)
    {
        if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "AutoReset", Instance: { } instance }, Value.ConstantValue: { HasValue: true, Value: false } } assignment)
        {
            return false;
        }

        if (instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            return TimerSymbol(Strip(instance)) is { } named && SymbolEqualityComparer.Default.Equals(named, timer);
        }

        // 'x = new Timer(…) { AutoReset = false }': the creation's value goes to the timer.
        IOperation? creation = assignment.Parent?.Parent;
        while (creation?.Parent is IConversionOperation)
        {
            creation = creation.Parent;
        }

        return creation?.Parent switch
        {
            ISimpleAssignmentOperation stored => TimerSymbol(Strip(stored.Target)) is { } target && SymbolEqualityComparer.Default.Equals(target, timer),
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => SymbolEqualityComparer.Default.Equals(declarator.Symbol, timer),
            _ => false,
        };
    }

    /// <summary>
    /// A delegate that <paramref name="call"/>, a call of a helper of the compilation, runs on other threads
    /// (<see cref="ParallelHelpers"/>): an entry started by that call. A helper that runs it many times at once and
    /// returns when they are done is a <c>Parallel.ForEach</c> the caller did not write; one that returns while it
    /// runs (<paramref name="detached"/>) is a <c>Task.Run</c>, joined where the caller waits for the returned task,
    /// and many at once when the caller calls it in a loop without waiting for each.
    /// </summary>
    public void AddRunBy(IOperation value, IInvocationOperation call, bool manyAtOnce, bool detached, List<ConcurrentEntry> entries)
    {
        (int Start, int End) interval;
        bool multiInstance;
        if (!detached || IsAwaitedAtOnce(call))
        {
            if (!manyAtOnce)
            {
                return; // one run, which the caller waits for: nothing runs beside it
            }

            interval = Synchronous(call);
            multiInstance = true;
        }
        else
        {
            interval = TaskInterval(call);
            multiInstance = manyAtOnce || IsRepeated(call.Syntax);
        }

        var count = entries.Count;
        AddEntry(value, call, multiInstance, interval, entries);
        if (entries.Count > count)
        {
            entries[count].RunBy = call.TargetMethod.Name;
        }
    }

    private static (int, int) Synchronous(IOperation operation) => (operation.Syntax.SpanStart, operation.Syntax.Span.End);

    private static (int, int) Unjoined(IOperation operation) => (operation.Syntax.SpanStart, int.MaxValue);

    private void Add(IOperation value, IOperation start, bool multiInstance, (int Start, int End) interval, List<ConcurrentEntry> entries, bool startedPerCall = false)
    {
        if (_acceptParameters && Strip(value) is IParameterReferenceOperation parameter)
        {
            entries.Add(new ConcurrentEntry(parameter, start, multiInstance, interval.Start, interval.End, Root(start), startedPerCall: startedPerCall));
            return;
        }

        AddEntry(value, start, multiInstance, interval, entries, startedPerCall);
    }

    private static void AddEntry(IOperation value, IOperation start, bool multiInstance, (int Start, int End) interval, List<ConcurrentEntry> entries, bool startedPerCall = false)
    {
        var body = Strip(value);
        if (body is IAnonymousFunctionOperation or IMethodReferenceOperation)
        {
            entries.Add(new ConcurrentEntry(body, start, multiInstance, interval.Start, interval.End, Root(start), startedPerCall: startedPerCall));
        }
    }

    /// <summary>
    /// Whether a fire-and-forget start runs on every call of its method: not under a condition or lock, after no
    /// <c>return</c>, its task not kept in a field, not <c>LongRunning</c>, and its body not a worker loop. A start
    /// behind a "running" flag or a CAS gate (<c>if (!_draining) { _draining = true; Task.Run(Drain); }</c>), or one
    /// long-running worker per object, runs one at a time however often the method is called.
    /// </summary>
    private static bool IsStartedOnEveryCall(IInvocationOperation start)
    {
        foreach (var argument in start.Arguments)
        {
            foreach (var operation in argument.Value.DescendantsAndSelf())
            {
                if (operation is IFieldReferenceOperation { Field.Name: "LongRunning" })
                {
                    return false;
                }
            }
        }

        IOperation task = start;
        while (task.Parent is IConversionOperation)
        {
            task = task.Parent;
        }

        if (task.Parent is IAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation })
        {
            return false;
        }

        SyntaxNode? body = null;
        for (var node = start.Syntax.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IfStatementSyntax or ConditionalExpressionSyntax or ConditionalAccessExpressionSyntax or SwitchSectionSyntax
                    or SwitchExpressionArmSyntax or LockStatementSyntax or CatchClauseSyntax or BinaryExpressionSyntax
                    or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    body = node;
                    break;
            }

            if (body is not null)
            {
                break;
            }
        }

        if (body is null)
        {
            return false;
        }

        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node.SpanStart >= start.Syntax.SpanStart)
            {
                break;
            }

            if (node is ReturnStatementSyntax or YieldStatementSyntax)
            {
                return false;
            }
        }

        var started = Strip(start.Arguments[0].Value);
        var startedBody = started switch
        {
            IAnonymousFunctionOperation lambda => lambda.Syntax,
            IMethodReferenceOperation reference when reference.Method.DeclaringSyntaxReferences.Length == 1 => reference.Method.DeclaringSyntaxReferences[0].GetSyntax(),
            _ => null,
        };
        foreach (var node in startedBody?.DescendantNodes() ?? [])
        {
            if (node is WhileStatementSyntax or DoStatementSyntax)
            {
                return false; // a worker loop: one per object, not one per call
            }
        }

        return true;
    }

    /// <summary>Removes conversions and delegate creations around a delegate or task value.</summary>
    public static IOperation Strip(IOperation operation) => OperationTree.Strip(operation);

    public static IOperation Root(IOperation operation) => OperationTree.Root(operation);

    private static ILocalSymbol? AssignedLocal(IOperation value)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
    }

    private IEnumerable<ILocalReferenceOperation> References(IOperation root, ILocalSymbol local)
    {
        if (!_descendantsByRoot.TryGetValue(root, out var descendants))
        {
            descendants = new List<IOperation>();
            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation)
                {
                    descendants.Add(operation);
                }
            }

            _descendantsByRoot[root] = descendants;
        }

        foreach (var operation in descendants)
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                yield return reference;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="local"/> names a different object each time the repeated <paramref name="start"/> runs:
    /// the variable of the foreach loop around it, or a local of the innermost loop body or lambda around it that is
    /// initialized with a <c>new</c> object. Like a per-item lambda parameter, such an object is not shared between
    /// the started copies.
    /// </summary>
    public static bool IsFreshPerRepetition(ILocalSymbol local, SyntaxNode start)
    {
        if (local.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var declaration = local.DeclaringSyntaxReferences[0].GetSyntax();
        var child = start;
        for (var node = start.Parent; node is not null; child = node, node = node.Parent)
        {
            SyntaxNode? scope = node switch
            {
                ForEachStatementSyntax forEach when declaration == forEach => forEach,
                CommonForEachStatementSyntax loop when child == loop.Statement => child,
                ForStatementSyntax loop when child == loop.Statement => child,
                WhileStatementSyntax loop when child == loop.Statement => child,
                DoStatementSyntax loop when child == loop.Statement => child,
                AnonymousFunctionExpressionSyntax lambda => lambda,
                _ => null,
            };
            if (scope is not null)
            {
                return declaration == scope
                    || (scope.Span.Contains(declaration.Span)
                        && declaration is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax });
            }

            if (node is MemberDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether the start runs several times: inside a loop or a per-item lambda of the same member.</summary>
    public static bool IsRepeated(SyntaxNode start) => RepeatingNode(start) is not null;

    /// <summary>
    /// Where a token registration made by <paramref name="register"/> is disposed: the end of the block of a
    /// <c>using var</c> that holds it, or of the <c>using</c> statement; otherwise it stays until the token goes.
    /// </summary>
    private static int RegisteredUntil(IInvocationOperation register)
    {
        var node = register.Syntax.Parent;
        while (node is EqualsValueClauseSyntax or VariableDeclaratorSyntax or VariableDeclarationSyntax)
        {
            node = node.Parent;
        }

        return node switch
        {
            LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword, Parent: BlockSyntax block } => block.Span.End,
            UsingStatementSyntax @using => @using.Span.End,
            _ => int.MaxValue,
        };
    }


    /// <summary>The innermost loop, or lambda that <c>Select</c> and the like call per element, that runs <paramref name="start"/> again and again.</summary>
    private static SyntaxNode? RepeatingNode(SyntaxNode start)
    {
        for (var node = start.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachVariableStatementSyntax:
                    return node;
                case AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call } }
                    when InvokedName(call.Expression) is "Select" or "SelectMany" or "ForEach" or "ConvertAll":
                    return node;
                case MemberDeclarationSyntax or LocalFunctionStatementSyntax:
                    return null;
            }
        }

        return null;
    }
}
