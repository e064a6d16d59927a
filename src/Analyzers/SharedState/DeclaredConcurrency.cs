using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// What a type says about its own concurrency, before any body is bound: an attribute named <c>ThreadSafe</c>; the
/// contract of a framework base type whose members the framework calls at once (an <c>HttpClient</c> handler's
/// <c>SendAsync</c>); a registration as a singleton service (<see cref="SingletonRegistrations"/>); or its documentation, read as a reviewer reads it ("one pool instance is shared by every
/// sender", or "not thread-safe").
/// </summary>
/// <remarks>
/// <para>A type that takes no lock and uses no <c>Interlocked</c> still declares concurrency this way, and that is
/// where the races of code that relies on callers are: a circuit breaker "a single instance … every request", a
/// <c>DelegatingHandler</c> that refreshes a token in plain fields. RacerD reads <c>@ThreadSafe</c>.</para>
/// <para>Only the documentation comments directly above the type's declarations are read, lower-cased, as phrases: a phrase after
/// "not", "never" or "non-" denies what it says. Read over the documentation of nine real libraries, a sharing phrase
/// alone ("instances are shared between connections", "the engine contains a single instance of the header page",
/// "how many threads the group may consume") or a bare "thread-safe" made mostly false reports (docs/real-code.md),
/// so a sharing phrase counts only beside who shares it, and a claim of thread safety only when denied.</para>
/// </remarks>
internal static class DeclaredConcurrency
{
    /// <summary>How a type declares its concurrency; <see cref="None"/> when it does not.</summary>
    public enum Kind
    {
        None,

        /// <summary>An attribute named <c>ThreadSafe</c>, or documentation that says the instances are shared: every public or internal member runs at once.</summary>
        Declared,

        /// <summary>A framework base type's contract: its <see cref="Contract.Members"/> run at once.</summary>
        Contract,

        /// <summary>Documented as not thread-safe, or as used by one thread: its own locks guard something else.</summary>
        SingleUser,

        /// <summary>
        /// Created for each request: documented as a scoped or transient service ("each web request gets its own
        /// renderer"), or an ASP.NET Core controller, Razor page model or SignalR hub. Its instances are not shared,
        /// but its static state is shared by every request at once.
        /// </summary>
        PerRequest,
    }

    /// <summary>A framework type whose overridden or implemented members the framework calls concurrently.</summary>
    public sealed class Contract
    {
        public Contract(string @namespace, string name, string calledBy, params string[] members)
        {
            Namespace = @namespace;
            Name = name;
            CalledBy = calledBy;
            Members = members;
        }

        public string Namespace { get; }
        public string Name { get; }

        /// <summary>Who calls the members at once, for the message.</summary>
        public string CalledBy { get; }

        public string[] Members { get; }
    }

    /// <summary>
    /// Framework types that share one instance among concurrent callers by contract. An <c>HttpClient</c> sends every
    /// request through one handler chain; <c>JsonSerializerOptions</c> cache one converter for every serialization;
    /// a logger provider's loggers are called from every thread; a <c>TaskScheduler</c> is queued to from any thread;
    /// an <c>EventListener</c> is called on the thread that writes each event.
    /// </summary>
    public static readonly Contract[] Contracts =
    [
        new("System.Net.Http", "HttpMessageHandler", "'HttpClient' sends every request through one instance", "SendAsync", "Send"),
        new("System.Text.Json.Serialization", "JsonConverter", "'JsonSerializerOptions' share one converter among all serializations", "Read", "Write", "ReadAsPropertyName", "WriteAsPropertyName"),
        new("Newtonsoft.Json", "JsonConverter", "serializer settings share one converter among all serializations", "ReadJson", "WriteJson"),
        new("Microsoft.Extensions.Logging", "ILogger", "a logger is called from every thread that logs", "Log", "IsEnabled", "BeginScope"),
        new("System.Threading.Tasks", "TaskScheduler", "tasks are queued to a scheduler from any thread", "QueueTask", "TryExecuteTaskInline", "TryDequeue"),
        new("System.Diagnostics.Tracing", "EventListener", "events are delivered on the threads that write them", "OnEventWritten"),
    ];

    /// <summary>
    /// Words without which a file that does not synchronize declares no concurrency this way (the model's per-file
    /// pre-check): the attribute, the contract types' names, and the key words of the documentation that declares.
    /// </summary>
    public static readonly string[] Words =
    [
        "ThreadSafe", "ThreadSafeAttribute",
        "HttpMessageHandler", "DelegatingHandler", "JsonConverter", "ILogger", "TaskScheduler", "EventListener",
        "singleton", "Singleton", "AddSingleton", "shared", "instance", "thread", "threads", "concurrently", "concurrent", "Concurrent",
        "request", "scoped", "Scoped", "transient", "Transient", "ControllerBase", "Controller", "PageModel", "Hub",
    ];

    /// <summary>
    /// Accepts a word of <see cref="Words"/> unless it is <c>Concurrent</c> after a dot: the namespace in
    /// <c>using System.Collections.Concurrent;</c> says nothing, a sentence that starts "Concurrent callers…" does.
    /// </summary>
    public static bool IsDeclaringWord(string text, int start, int length)
        => !(length == 10 && text[start] == 'C' && start > 0 && text[start - 1] == '.');

    /// <summary>
    /// Whether <paramref name="declaration"/> can declare concurrency by itself, read on its syntax only: it has
    /// attributes (a <c>ThreadSafe</c> one), a base list (a contract type), or a documentation comment. Denials
    /// ("not thread-safe") matter only for types that synchronize, whose files are read anyway.
    /// </summary>
    public static bool MayDeclare(TypeDeclarationSyntax declaration)
    {
        if (declaration.AttributeLists.Count > 0 || declaration.BaseList is not null)
        {
            return true;
        }

        foreach (var piece in declaration.GetLeadingTrivia())
        {
            if (IsDocumentation(piece))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Phrases that claim thread safety; only their denial ("not thread-safe") is read. The claim alone declares
    /// nothing: library documentation says "thread-safe" of types that are set up on one thread and then only read
    /// (LiteDB's <c>/// [ThreadSafe]</c> engine services), and a type that is thread-safe by its own locks is found by them.
    /// </summary>
    private static readonly string[] ClaimPhrases =
    [
        "thread-safe", "thread safe", "threadsafe", "safe for concurrent", "safe to call concurrently", "safe to use concurrently",
    ];

    /// <summary>
    /// Phrases that say one instance serves many users; they declare concurrency only in a sentence that also names
    /// who uses it at once (<see cref="Actors"/>): "one pool instance is shared by every sender", not "instances are
    /// shared between connections to the same database" or "the engine contains a single instance of the header page".
    /// A registration named in the documentation counts as one ("registered with AddSingleton, so every circuit sees
    /// the same queue"); "registered as a singleton" says who by itself (<see cref="UsagePhrases"/>).
    /// </summary>
    private static readonly string[] SharingPhrases =
    [
        "shared by", "shared across", "shared between", "shared among", "single instance", "one instance", "single shared", "same instance", "singleton",
        "addsingleton",
    ];

    /// <summary>Phrases that say by themselves that the members are called at once: "raised from any thread", "called concurrently by".</summary>
    private static readonly string[] UsagePhrases =
    [
        "from any thread", "on any thread", "by any thread", "from multiple threads", "by multiple threads", "on multiple threads", "from many threads",
        "by many threads", "from several threads", "by several threads", "called concurrently", "concurrently by",
        "any request thread", "any worker thread", "any pool thread", "from request threads", "on request threads", "by request threads",

        // Request threads, plural, however many are named (set bf R14: "the exporter is hit from many request threads").
        "request threads",
        "concurrent callers", "concurrent requests",

        // The kind of request named between the word and the plural (set bl R14: "Incident console actions, invoked from
        // concurrent web requests.", on a console that holds a queue whose plan source it swaps).
        "concurrent web requests", "concurrent http requests",

        // Handlers of many requests, plural, run as the requests come (set bb R08: "called from the vendor portal's request
        // handlers whenever a menu is saved", on a debouncer whose one field every save reads and replaces).
        "request handlers",

        // A service registered as a singleton is one instance that every request of the application resolves (set au R12:
        // "Registered as a singleton." alone, on a hub's connection registry).
        "registered as a singleton", "registered as singleton",

        // The framework or scope named between the article and the word (set bh R12: "Registered as an ASP.NET Core
        // singleton.", on an idempotency store whose per-key semaphores live in a plain dictionary).
        "asp.net core singleton", "asp.net singleton", "app-wide singleton", "application-wide singleton",
    ];

    /// <summary>Phrases that say one instance serves one request: a scoped or transient service.</summary>
    private static readonly string[] PerRequestPhrases =
    [
        "scoped service", "registered as scoped", "addscoped", "scoped lifetime", "transient service", "registered as transient", "addtransient",
        "per request", "per-request", "each request gets its own", "each web request gets its own", "every request gets its own",
        "instance per request", "instance for each request",
    ];

    /// <summary>Framework base types whose instances the framework creates for each request, and what to call them.</summary>
    private static readonly (string Namespace, string Name, string What)[] PerRequestBases =
    [
        ("Microsoft.AspNetCore.Mvc", "ControllerBase", "an ASP.NET Core controller"),
        ("Microsoft.AspNetCore.Mvc.RazorPages", "PageModel", "a Razor page model"),
        ("Microsoft.AspNetCore.SignalR", "Hub", "a SignalR hub"),
    ];

    private static readonly string[] Actors =
    [
        "thread", "request", "caller", "sender", "consumer", "worker", "controller", "endpoint", "handler", "concurrent", "concurrently", "simultaneously",
        "in parallel", "at once", "at the same time", "every", "each",
    ];

    private static readonly string[] SingleUserPhrases =
    [
        "one thread at a time", "single thread", "single-threaded", "per thread", "instance per thread", "not multi thread", "not multi-thread",
    ];

    /// <summary>How <paramref name="type"/> (or a type it is nested in) declares its concurrency, and why, for the message.</summary>
    /// <remarks>A documented type keeps its contract too: the framework still calls the contract's members, protected or not.</remarks>
    public static (Kind Kind, string Why, Contract? Contract) Of(INamedTypeSymbol type, SingletonRegistrations singletons, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass?.Name is "ThreadSafeAttribute" or "ThreadSafe")
                {
                    return (Kind.Declared, $"'{type.Name}' is marked [ThreadSafe]", null);
                }
            }
        }

        var (documented, phrase) = Documented(type, cancellationToken);
        if (documented == Kind.SingleUser)
        {
            return (Kind.SingleUser, string.Empty, null);
        }

        var contract = ContractOf(type);
        if (documented == Kind.Declared)
        {
            return (Kind.Declared, $"'{type.Name}' is documented as shared (\"{phrase}\")", contract);
        }

        if (singletons.RegistrationOf(type) is { } registration)
        {
            return (Kind.Declared, registration.Describe(type.Name), contract);
        }

        if (documented == Kind.PerRequest)
        {
            return (Kind.PerRequest, $"'{type.Name}' is documented as made for each request (\"{phrase}\"), and its static state is shared by every request at once", null);
        }

        if (PerRequestBase(type) is { } what)
        {
            return (Kind.PerRequest, $"'{type.Name}' is {what}, made for each request, and its static state is shared by every request at once", null);
        }

        if (contract is not null)
        {
            return (Kind.Contract, $"{contract.CalledBy} ('{type.Name}' derives from '{contract.Name}')", contract);
        }

        return (Kind.None, string.Empty, null);
    }

    /// <summary>Whether <paramref name="method"/> is one of the members the contract runs concurrently.</summary>
    public static bool IsContractMember(IMethodSymbol method, Contract contract)
        => Array.IndexOf(contract.Members, method.Name) >= 0
           && (method.IsOverride || method.ExplicitInterfaceImplementations.Length > 0 || method.DeclaredAccessibility == Accessibility.Public);

    /// <summary>What the framework base type that makes <paramref name="type"/> for each request calls it, or null.</summary>
    private static string? PerRequestBase(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            foreach (var (@namespace, name, what) in PerRequestBases)
            {
                if (current.Name == name && current.ContainingNamespace?.ToDisplayString() == @namespace)
                {
                    return what;
                }
            }
        }

        return null;
    }

    private static Contract? ContractOf(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (Find(current) is { } contract)
            {
                return contract;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (Find(implemented) is { } contract)
            {
                return contract;
            }
        }

        return null;
    }

    private static Contract? Find(INamedTypeSymbol type)
    {
        foreach (var contract in Contracts)
        {
            if (type.Name == contract.Name && type.ContainingNamespace?.ToDisplayString() == contract.Namespace)
            {
                return contract;
            }
        }

        return null;
    }

    /// <summary>What the comments directly above the type's declarations say, and the phrase that says it.</summary>
    private static (Kind Kind, string Phrase) Documented(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not MemberDeclarationSyntax declaration)
            {
                continue;
            }

            var comments = CommentsAbove(declaration);
            if (comments.Length == 0)
            {
                continue;
            }

            // A scoped service "not thread-safe" by itself still shares its static state with every other request.
            var perRequest = FindPerRequest(comments);
            if (FindPhrase(comments, SingleUserPhrases, denied: false) is not null
                || FindPhrase(comments, ClaimPhrases, denied: true) is not null)
            {
                return perRequest is not null ? (Kind.PerRequest, perRequest) : (Kind.SingleUser, string.Empty);
            }

            if (FindPhrase(comments, UsagePhrases, denied: false) is { } usage)
            {
                return (Kind.Declared, usage);
            }

            // "Registered as scoped (one per request); numbers come from a sequence shared by all instances": what a type
            // made per request says is shared is its static state (set ap C14).
            if (perRequest is not null)
            {
                return (Kind.PerRequest, perRequest);
            }

            foreach (var sentence in comments.Split(SentenceEnds, StringSplitOptions.RemoveEmptyEntries))
            {
                if (FindPhrase(sentence, SharingPhrases, denied: false, OfOthers) is { } phrase && NamesActor(WithoutOwnClauses(sentence)))
                {
                    return (Kind.Declared, phrase);
                }
            }
        }

        return (Kind.None, string.Empty);
    }

    private static readonly char[] SentenceEnds = ['.', '!', '?'];

    /// <summary>
    /// <paramref name="sentence"/> without its clauses (split at ';') that give each user an object of its own: "Each
    /// foraging group creates its own checker; the warning table is loaded once and shared by all of them" names who
    /// shares the table, not the checker (set ax C08). The type is what each one owns, so its "each" is no actor.
    /// </summary>
    private static string WithoutOwnClauses(string sentence)
    {
        if (sentence.IndexOf(';') < 0)
        {
            return sentence;
        }

        var kept = sentence.Split(';').Where(static clause => !GivesOwnObject(clause, "its own ") && !GivesOwnObject(clause, "their own "));
        return string.Join(";", kept);
    }

    private static readonly string[] OwnRunners = ["thread", "task", "worker", "loop", "timer", "background"];

    /// <summary>
    /// Whether <paramref name="clause"/> says "its own" of an object ("creates its own checker"), not of where code
    /// runs ("calls PlaceBid on its own thread", which names concurrency: set ay R02).
    /// </summary>
    private static bool GivesOwnObject(string clause, string own)
    {
        for (var at = clause.IndexOf(own, StringComparison.Ordinal); at >= 0; at = clause.IndexOf(own, at + 1, StringComparison.Ordinal))
        {
            var next = clause.Substring(at + own.Length).TrimStart();
            if (!OwnRunners.Any(runner => next.StartsWith(runner, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Phrases of a member's own documentation that say it is called by one thread at a time, whatever its type says:
    /// OpenTelemetry's <c>CircularBuffer.Read</c>, "only one reader is allowed at any given time", beside writers that
    /// add from any thread.
    /// </summary>
    private static readonly string[] OneAtATimePhrases =
    [
        "only one reader", "one reader at a time", "single reader", "only one consumer", "one consumer at a time", "single consumer",
        "one caller at a time", "one thread at a time", "only one thread", "must not be called concurrently", "not be called concurrently",
    ];

    private static readonly string[] OneAtATimeKeywords = ["reader", "consumer", "caller", "thread", "concurren"];

    /// <summary>
    /// The phrase of <paramref name="method"/>'s own documentation that says it runs one call at a time (see
    /// <see cref="OneAtATimePhrases"/>), or null.
    /// </summary>
    public static string? DocumentedOneAtATime(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MemberDeclarationSyntax declaration
                && CommentsAbove(declaration, OneAtATimeKeywords) is { Length: > 0 } comments
                && FindPhrase(comments, OneAtATimePhrases, denied: false) is { } phrase)
            {
                return phrase;
            }
        }

        return null;
    }

    /// <summary>
    /// Where a member's own documentation puts its use before the object starts working: websocket-sharp's
    /// <c>WebSocketServer.SslConfiguration</c>, "it must be configured before the start method is called", and
    /// <c>WebSocket.SslConfiguration</c>, "it must be configured before any connect method is called". Its callers set
    /// the object up before they start it, as a constructor does, so it runs beside none of what the object's other
    /// members and its started work do; what it reads and writes is set-up, not shared state.
    /// </summary>
    /// <remarks>
    /// One sentence must say that something "must be" (or "should be", "has to be", "needs to be") done, then "before"
    /// and, before the sentence ends, a word of starting (<see cref="StartWords"/>) or "is called" after a name the
    /// normalized text dropped ("before &lt;see cref="Start"/&gt; is called").
    /// </remarks>
    public static string? DocumentedSetUp(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in (method.AssociatedSymbol ?? method).DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not MemberDeclarationSyntax declaration
                || CommentsAbove(declaration, SetUpKeywords) is not { Length: > 0 } comments)
            {
                continue;
            }

            foreach (var sentence in comments.Split('.'))
            {
                var duty = Modals.Select(modal => sentence.IndexOf(modal, StringComparison.Ordinal)).Where(at => at >= 0).DefaultIfEmpty(-1).Min();
                var before = duty < 0 ? -1 : sentence.IndexOf(" before ", duty, StringComparison.Ordinal);
                if (before < 0)
                {
                    continue;
                }

                var rest = sentence.Substring(before + " before ".Length);
                if (rest.StartsWith("is called", StringComparison.Ordinal) || rest.StartsWith("are called", StringComparison.Ordinal)
                    || rest.Split(' ').Any(word => StartWords.Any(start => word.StartsWith(start, StringComparison.Ordinal))))
                {
                    return sentence.Trim();
                }
            }
        }

        return null;
    }

    private static readonly string[] SetUpKeywords = ["before"];

    private static readonly string[] Modals = ["must be ", "should be ", "has to be ", "have to be ", "needs to be ", "need to be "];

    /// <summary>The beginnings of the words that name the object's start after "before".</summary>
    private static readonly string[] StartWords = ["start", "connect", "open", "run", "listen", "initializ", "initialis"];

    /// <summary>
    /// A word that every phrase of <see cref="ClaimPhrases"/>, <see cref="SharingPhrases"/>, <see cref="UsagePhrases"/>
    /// and <see cref="SingleUserPhrases"/> holds. The normalized text keeps the letters of a word together, so a comment
    /// whose raw text lacks all of them says nothing the phrases can find, and is not normalized.
    /// </summary>
    private static readonly string[] Keywords = ["thread", "concurren", "shared", "instance", "singleton", "request", "scoped", "transient"];

    private static bool HoldsKeyword(string text, TextSpan span, string[] keywords)
    {
        foreach (var keyword in keywords)
        {
            if (text.IndexOf(keyword, span.Start, span.Length, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The lower-cased text of the documentation comments in the declaration's leading trivia, one space between words.
    /// A plain comment above a type is a note to the reader ("producers post from any thread; one pump owns what it
    /// updates"), not the type's contract.
    /// </summary>
    private static string CommentsAbove(MemberDeclarationSyntax declaration) => CommentsAbove(declaration, Keywords);

    private static string CommentsAbove(MemberDeclarationSyntax declaration, string[] keywords)
    {
        // The keywords are looked for in the file's text at each comment's span first: most members' documentation
        // holds none of them, and a documentation comment's string is built from its structured trivia (NLog's
        // 'Logger', 454 methods each asked whether it runs one at a time: 20 ms of a compile's Forklift time).
        var trivia = declaration.GetLeadingTrivia();
        var source = SourceWords.TextOf(declaration.SyntaxTree.GetText());
        if (!trivia.Any(piece => IsDocumentation(piece) && HoldsKeyword(source, piece.FullSpan, keywords)))
        {
            return string.Empty;
        }

        var text = new System.Text.StringBuilder();
        foreach (var piece in trivia)
        {
            if (IsDocumentation(piece))
            {
                text.Append(piece.ToFullString()).Append(' ');
            }
        }

        // Comment markers, tags and line breaks become spaces, and runs of spaces one, so that a phrase broken over two
        // lines of a summary still reads as one.
        var raw = WithoutAsides(text.ToString());
        var normalized = new System.Text.StringBuilder(raw.Length);
        var space = false;
        var inTag = false;
        foreach (var c in raw)
        {
            // XML tags are dropped, so a sentence reads on across a '<see cref="…"/>'.
            if (c == '<' || (inTag && c != '>'))
            {
                inTag = true;
                space = true;
                continue;
            }

            if (inTag || char.IsWhiteSpace(c) || c == '/' || c == '*')
            {
                inTag = false;
                space = true;
                continue;
            }

            if (space && normalized.Length > 0)
            {
                normalized.Append(' ');
            }

            space = false;
            normalized.Append(char.ToLowerInvariant(c));
        }

        return normalized.ToString();
    }

    /// <summary>The XML elements of a documentation comment that describe something other than the type itself.</summary>
    private static readonly string[] AsideElements = ["list", "code", "example"];

    /// <summary>
    /// The documentation without its tables, lists, code and examples: what they say is about the items they list or
    /// the code they show. log4net's <c>PatternLayout</c> documents each conversion pattern in a table, and the row of
    /// <c>%property</c> says "these properties are shared by all the threads in the AppDomain" of the context
    /// properties, not of the layout.
    /// </summary>
    private static string WithoutAsides(string raw)
    {
        foreach (var name in AsideElements)
        {
            var open = "<" + name;
            var close = "</" + name + ">";
            for (var start = IndexOfTag(raw, open, 0); start >= 0; start = IndexOfTag(raw, open, start))
            {
                // The matching close tag: elements of the same name nest (a list in a list's item).
                var depth = 0;
                var at = start;
                var end = -1;
                while (at < raw.Length)
                {
                    var nextOpen = IndexOfTag(raw, open, at + 1);
                    var nextClose = raw.IndexOf(close, at + 1, StringComparison.Ordinal);
                    if (nextClose < 0)
                    {
                        break;
                    }

                    if (nextOpen >= 0 && nextOpen < nextClose)
                    {
                        depth++;
                        at = nextOpen;
                        continue;
                    }

                    if (depth == 0)
                    {
                        end = nextClose + close.Length;
                        break;
                    }

                    depth--;
                    at = nextClose;
                }

                if (end < 0)
                {
                    break; // unclosed: leave the rest as it is
                }

                raw = raw.Substring(0, start) + " " + raw.Substring(end);
            }
        }

        return raw;
    }

    /// <summary>Where the start tag <paramref name="open"/> (<c>&lt;list</c>) begins, from <paramref name="from"/> on: followed by a space, a '>' or a '/'.</summary>
    private static int IndexOfTag(string raw, string open, int from)
    {
        for (var at = raw.IndexOf(open, from, StringComparison.Ordinal); at >= 0; at = raw.IndexOf(open, at + 1, StringComparison.Ordinal))
        {
            var next = at + open.Length;
            if (next < raw.Length && (raw[next] == ' ' || raw[next] == '>' || raw[next] == '/'))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether the sentence names who uses the instance at once, as a whole word ("every sender", "requests"), and
    /// not only inside a claim ("[Singleton - ThreadSafe]" says nothing of who shares it).
    /// </summary>
    private static bool NamesActor(string sentence)
    {
        foreach (var claim in ClaimPhrases)
        {
            sentence = sentence.Replace(claim, " ");
        }

        foreach (var actor in Actors)
        {
            for (var at = sentence.IndexOf(actor, StringComparison.Ordinal); at >= 0; at = sentence.IndexOf(actor, at + 1, StringComparison.Ordinal))
            {
                var end = at + actor.Length;
                if (end < sentence.Length && sentence[end] == 's')
                {
                    end++;
                }

                if (StartsWord(sentence, at) && (end == sentence.Length || !char.IsLetterOrDigit(sentence[end])) && !IsDenied(sentence, at))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A documentation comment: structured trivia when the compilation parses documentation, else (no
    /// <c>GenerateDocumentationFile</c>) a plain comment that starts with <c>///</c> or <c>/**</c>.
    /// </summary>
    public static bool IsDocumentation(SyntaxTrivia trivia)
    {
        if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
        {
            return true;
        }

        if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && !trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
        {
            return false;
        }

        var text = trivia.ToString();
        return (text.StartsWith("///", StringComparison.Ordinal) && !text.StartsWith("////", StringComparison.Ordinal))
               || (text.StartsWith("/**", StringComparison.Ordinal) && !text.StartsWith("/**/", StringComparison.Ordinal));
    }

    /// <summary>The first of <paramref name="phrases"/> in <paramref name="text"/> that is (or, with <paramref name="denied"/> false, is not) denied.</summary>
    private static string? FindPhrase(string text, string[] phrases, bool denied, Func<string, int, string, bool>? skip = null)
    {
        foreach (var phrase in phrases)
        {
            for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                if (!StartsWord(text, at) || (skip is not null && skip(text, at, phrase)))
                {
                    continue;
                }

                if (IsDenied(text, at) == denied)
                {
                    return phrase;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the sharing phrase at <paramref name="at"/> speaks of the instances of many other things: Rebus's
    /// <c>Injectionist</c> caches "so that the same instance of each class is used throughout the tree", which says
    /// nothing of who uses the injectionist.
    /// </summary>
    private static bool OfOthers(string text, int at, string phrase)
    {
        var after = text.Substring(at + phrase.Length).TrimStart();
        return phrase.EndsWith("instance", StringComparison.Ordinal)
               && (after.StartsWith("of each ", StringComparison.Ordinal) || after.StartsWith("of every ", StringComparison.Ordinal) || after.StartsWith("of all ", StringComparison.Ordinal));
    }

    private static bool StartsWord(string text, int at) => at == 0 || !char.IsLetterOrDigit(text[at - 1]);

    /// <summary>
    /// A phrase that says one instance serves one request. A bare "per request" counts only after a word about what
    /// is made for each request ("one per request", "created per request", "an instance per request"): "The dispatch
    /// API rents a link per request" says what the pool hands out, not that the pool is made per request (set z R13).
    /// </summary>
    private static string? FindPerRequest(string comments)
    {
        foreach (var phrase in PerRequestPhrases)
        {
            for (var at = comments.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = comments.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                if (StartsWord(comments, at) && !IsDenied(comments, at)
                    && (phrase is not ("per request" or "per-request") || LifetimeWords.Contains(WordBefore(comments, at))))
                {
                    return phrase;
                }
            }
        }

        return null;
    }

    private static readonly HashSet<string> LifetimeWords = new(StringComparer.Ordinal)
    {
        "one", "once", "instance", "instances", "created", "constructed", "resolved", "scoped", "made", "new", "built", "transient", "lifetime",
    };

    /// <summary>The word that ends before <paramref name="at"/>, or an empty string.</summary>
    private static string WordBefore(string text, int at)
    {
        var end = at;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        return text.Substring(start, end - start);
    }

    /// <summary>Whether the phrase at <paramref name="at"/> follows a denial within its clause: "not", "never", "non-", "n't".</summary>
    private static bool IsDenied(string text, int at)
    {
        var start = Math.Max(0, at - 24);
        var before = text.Substring(start, at - start);
        var clause = before.LastIndexOfAny(['.', ';', ',', ':']);
        if (clause >= 0)
        {
            before = before.Substring(clause + 1);
        }

        return before.EndsWith("non-", StringComparison.Ordinal)
               || before.Contains("not ") || before.Contains("n't ") || before.Contains("never ") || before.Contains("no ");
    }
}
