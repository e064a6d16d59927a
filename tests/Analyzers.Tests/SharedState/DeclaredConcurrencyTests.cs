using Forklift.Analyzers.SharedState;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Types that say they are shared without synchronizing anything: by documentation, or by a framework base type's
/// contract (<see cref="DeclaredConcurrency"/>); and types whose documentation says they are not.
/// </summary>
public class DeclaredConcurrencyTests
{
    private static Task VerifyMutationAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(source, expected);

    [Fact]
    public Task Delegating_handler_refreshing_a_token_in_plain_fields()
        => VerifyMutationAsync("""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class {|#1:TokenHandler|} : DelegatingHandler
            {
                private string _token;
                private DateTime _expiresUtc;

                public TimeSpan Skew { get; set; }

                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    if (_token is null || DateTime.UtcNow >= _expiresUtc)
                    {
                        await RefreshAsync(cancellationToken);
                    }

                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                    return await base.SendAsync(request, cancellationToken);
                }

                private async Task RefreshAsync(CancellationToken cancellationToken)
                {
                    await Task.Delay(10, cancellationToken);
                    _token = Guid.NewGuid().ToString();
                    {|#0:_expiresUtc = DateTime.UtcNow.AddMinutes(5)|};
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_expiresUtc", "RefreshAsync",
                "'RefreshAsync' may run on several threads at once: 'HttpClient' sends every request through one instance ('TokenHandler' derives from 'HttpMessageHandler')"));

    [Fact]
    public Task Type_documented_as_shared_by_every_request_updates_a_counter_without_a_lock()
        => VerifyMutationAsync("""
            /// <summary>
            /// Guards the payment gateway. A single instance is registered for the whole process, so every checkout
            /// request goes through <see cref="Record"/>.
            /// </summary>
            public sealed class {|#1:GatewayBreaker|}
            {
                private int _failures;
                private bool _open;

                public void Record(bool failed)
                {
                    if (failed)
                    {
                        {|#0:_failures++|};
                        [|_open = _failures > 5|];
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_failures", "Record", "'Record' may run on several threads at once: 'GatewayBreaker' is documented as shared (\"single instance\")"));

    [Theory]
    [InlineData("Caches what it makes, so that the same instance of each class is used throughout the tree.", false)]
    [InlineData("Keeps one instance of every service, so that the same instance of all of them is handed to every consumer.", false)]
    [InlineData("The same instance is used by every request.", true)]
    public async Task The_same_instance_of_each_other_class_says_nothing_of_who_shares_this_one(string summary, bool shared)
    {
        // Rebus's Injectionist: "with caching of instances so that the same instance of each class is used throughout the
        // tree" is about the services it resolves; the injectionist itself belongs to one configuration.
        var source = $$"""
            /// <summary>{{summary}}</summary>
            public sealed class {|#1:Resolver|}
            {
                private int _resolved;

                public void Record() => {|#0:_resolved++|};
            }
            """;
        if (shared)
        {
            await VerifyMutationAsync(source, CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_resolved", "Record", "'Record' may run on several threads at once: 'Resolver' is documented as shared (\"same instance\")"));
        }
        else
        {
            await SharedStateSilence.VerifyNoRaceAsync(source.Replace("{|#1:", string.Empty).Replace("{|#0:", string.Empty).Replace("|}", string.Empty));
        }
    }

    [Fact]
    public Task Internal_member_of_a_documented_shared_pool_is_called_concurrently_too()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            /// <summary>One pool instance is shared by every sender that talks to the endpoint.</summary>
            public sealed class ConnectionPool
            {
                private readonly object _sync = new object();
                private readonly Stack<object> _idle = new();

                public object Rent() { lock (_sync) { return _idle.Count > 0 ? _idle.Pop() : new object(); } }

                internal void Return(object connection) => [|_idle.Push(connection)|];
            }

            public sealed class Sender
            {
                private readonly ConnectionPool _pool;

                public Sender(ConnectionPool pool) => _pool = pool;

                public void Send()
                {
                    var connection = _pool.Rent();
                    _pool.Return(connection);
                }
            }
            """);

    [Theory]
    [InlineData(DocumentationMode.Diagnose)]
    [InlineData(DocumentationMode.None)]
    public async Task Documentation_declares_sharing_whether_or_not_the_compilation_parses_it(DocumentationMode mode)
    {
        // Without GenerateDocumentationFile the compiler parses '///' as a plain comment; it still documents the type.
        var test = new CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Test
        {
            TestCode = """
                /// <summary>Called concurrently by every request handler.</summary>
                public sealed class Meter
                {
                    private long _total;
                    public void Add(long amount) => [|_total += amount|];
                }
                """,
        };
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
            return solution.WithProjectParseOptions(projectId, options.WithDocumentationMode(mode));
        });
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Record_struct_is_torn_by_a_plain_store_so_it_is_not_an_idempotent_publication()
        => VerifyMutationAsync("""
            using System;

            public readonly record struct Snapshot(bool Open, int Failures, DateTime OpenedUtc);

            /// <summary>Called concurrently by every request handler.</summary>
            public sealed class Breaker
            {
                private Snapshot _snapshot;

                public void Fail()
                {
                    var current = _snapshot;
                    [|_snapshot = current with { Failures = current.Failures + 1 }|];
                }
            }
            """);

    [Fact]
    public Task Sharing_and_who_shares_may_sit_in_two_clauses_of_one_sentence()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            /// <summary>
            /// Registered as a singleton; the export endpoint resolves a formatter for every download request.
            /// </summary>
            public sealed class FormatterRegistry
            {
                private readonly Dictionary<string, string> _formatters = new();

                public string Resolve(string name)
                {
                    if (!_formatters.TryGetValue(name, out var found))
                    {
                        found = name.ToUpperInvariant();
                        [|_formatters[name] = found|];
                    }

                    return found;
                }
            }
            """);

    [Theory]
    [InlineData("Registered as a singleton in the DI container and injected into the upload controller.")]
    [InlineData("Registered as a singleton and resolved by the orders endpoint.")]
    [InlineData("Connection registry for the fleet hub. Registered as a singleton.")]
    public Task Singleton_that_controllers_or_endpoints_use_is_shared_by_their_requests(string summary)
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync($$"""
            using System.Collections.Generic;

            /// <summary>
            /// {{summary}}
            /// </summary>
            public sealed class PluginRegistry
            {
                private List<string>? _plugins;

                public IReadOnlyList<string> GetPlugins()
                {
                    if (_plugins == null)
                    {
                        _plugins = new List<string>();
                        [|_plugins.Add("default")|];
                    }

                    return _plugins;
                }
            }
            """);

    /// <summary>
    /// "From any request thread" says the members are called at once as "from any thread" does, with the kind of
    /// thread named (a blind set's micro-ORM mapper, whose static cache every repository call fills).
    /// </summary>
    [Theory]
    [InlineData("Every repository call, from any request thread, goes through MapFor.")]
    [InlineData("Called on request threads by every repository.")]
    [InlineData("Repositories call it on any worker thread.")]
    [InlineData("Mappings are asked for by any thread in the application.")] // blind set ap, R16: "queued by any thread"
    public Task Documentation_that_names_the_kind_of_thread_any_of_which_calls_declares_concurrency(string summary)
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync($$"""
            using System;
            using System.Collections.Generic;

            /// <summary>
            /// Maps entity types to their tables. {{summary}}
            /// </summary>
            public static class TableMapper
            {
                private static readonly Dictionary<Type, string> Tables = new();

                public static string MapFor(Type type)
                {
                    if (Tables.TryGetValue(type, out var table))
                    {
                        return table;
                    }

                    table = type.Name.ToLowerInvariant();
                    [|Tables[type] = table|];
                    return table;
                }
            }
            """);

    [Fact]
    public Task Documentation_that_names_an_AddSingleton_registration_and_its_users_declares_sharing()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            /// <summary>
            /// Virtual queue for the big wheel. Registered with AddSingleton so every Blazor Server
            /// circuit sees the same queue.
            /// </summary>
            public sealed class RideQueueState
            {
                private readonly List<string> _queue = new();

                public int Length => _queue.Count;

                public void Join(string name) => [|_queue.Add(name)|];

                public string? BoardNext()
                {
                    if (_queue.Count == 0)
                    {
                        return null;
                    }

                    var next = _queue[0];
                    [|_queue.RemoveAt(0)|];
                    return next;
                }
            }
            """);

    [Theory]
    [InlineData("Instances are shared between connections to the same database.")]
    [InlineData("The engine contains a single instance of the header page; all changes go through it.")]
    [InlineData("[Singleton - ThreadSafe]")]
    [InlineData("Limits how many threads the group may consume concurrently.")]
    [InlineData("Each controller creates its own instance of the view model.")]
    public Task Sharing_phrase_without_who_shares_declares_nothing(string summary)
        => SharedStateSilence.VerifyNoRaceAsync($$"""
            using System.Collections.Generic;

            /// <summary>{{summary}}</summary>
            public sealed class Catalog
            {
                private readonly Dictionary<string, int> _ids = new();
                private int _next;
                public int Id(string name) { if (!_ids.TryGetValue(name, out var id)) { _ids[name] = id = _next++; } return id; }
            }
            """);

    /// <summary>
    /// log4net's PatternLayout documents each conversion pattern in a table, and one row says its context properties
    /// are "shared by all the threads in the AppDomain": a table, a code sample or an example says it of what it lists
    /// or shows. The same sentence in the summary itself still declares the type shared.
    /// </summary>
    [Theory]
    [InlineData("<list type=\"table\"><item><term>property</term><description>These properties are shared by all the threads in the AppDomain.</description></item></list>")]
    [InlineData("<list type=\"bullet\"><item><description>outer<list type=\"number\"><item>inner</item></list></description></item><item>Shared by all threads.</item></list>")]
    [InlineData("<code>var layout = new PatternLayout(); // one instance shared by every request thread</code>")]
    [InlineData("<example>One layout instance is shared by every appender thread.</example>")]
    public async Task Sharing_said_in_a_table_code_or_example_is_said_of_something_else(string aside)
    {
        const string Type = """
            using System.Collections.Generic;

            /// <summary>Formats an event with a pattern.</summary>
            /// <remarks>
            /// ASIDE
            /// </remarks>
            public sealed class Layout
            {
                private readonly Dictionary<string, string> _converters = new();
                private int _head;
                public void AddConverter(string name, string type) => _converters[name] = type;
                public void ActivateOptions() => _head++;
            }
            """;
        await SharedStateSilence.VerifyNoRaceAsync(Type.Replace("ASIDE", aside));

        await VerifyMutationAsync(Type.Replace("ASIDE", "One layout instance is shared by every appender thread.").Replace("_head++", "{|#0:_head++|}").Replace("class Layout", "class {|#1:Layout|}"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_head", "ActivateOptions", "'ActivateOptions' may run on several threads at once: 'Layout' is documented as shared (\"shared by\")"));
    }

    [Fact]
    public Task Thread_safety_claimed_in_documentation_does_not_make_set_up_code_a_race()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            /// <summary>
            /// A public class for access the datafile.
            /// [ThreadSafe]
            /// </summary>
            public sealed class Engine
            {
                private Dictionary<string, int> _collections;
                private int _state;

                public Engine() => Open();

                internal bool Open()
                {
                    _collections = new Dictionary<string, int>();
                    _collections["$sys"] = 1;
                    _state = 1;
                    return true;
                }

                public int Count(string name) => _collections.TryGetValue(name, out var n) ? n : _state;
            }
            """);

    [Fact]
    public Task Documented_shared_type_whose_state_only_its_single_reader_touches()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading.Channels;
            using System.Threading.Tasks;

            /// <summary>Loggers on any thread hand lines to <see cref="Enqueue"/>; one background task writes them.</summary>
            public sealed class FileTarget
            {
                private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
                private readonly Task<long> _pump;
                private long _written;
                private string _last;

                public FileTarget() => _pump = Task.Run(PumpAsync);

                public bool Enqueue(string line) => _lines.Writer.TryWrite(line);

                private async Task<long> PumpAsync()
                {
                    await foreach (var line in _lines.Reader.ReadAllAsync())
                    {
                        _written += line.Length;
                        _last = line.Trim();
                    }

                    return _written;
                }
            }
            """);

    [Fact]
    public Task Documentation_reads_on_across_a_see_tag()
        => VerifyMutationAsync("""
            using System;
            using System.Threading.Tasks;

            public struct Report { public bool Healthy; public DateTime CheckedUtc; }

            /// <summary>
            /// Pings the database. Registered as a singleton; the ready endpoint invokes <see cref="CheckAsync"/> for each
            /// probe.
            /// </summary>
            public sealed class {|#1:DatabaseCheck|}
            {
                private Report _last;

                public async Task<Report> CheckAsync()
                {
                    await Task.Yield();
                    var report = new Report { Healthy = true, CheckedUtc = DateTime.UtcNow };
                    {|#0:_last = report|};
                    return report;
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_last", "CheckAsync", "'CheckAsync' may run on several threads at once: 'DatabaseCheck' is documented as shared (\"registered as a singleton\")"));

    [Fact]
    public Task Contract_type_configured_through_public_setters_is_only_concurrent_in_its_contract_members()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class HeaderHandler : DelegatingHandler
            {
                private string _name = "X-Client";

                public string Name { get => _name; set => _name = value + "-v2"; }

                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    request.Headers.Add(_name, "forklift");
                    return base.SendAsync(request, cancellationToken);
                }
            }
            """);

    private static string LinkPool(string summary) => $$"""
        using System.Collections.Generic;
        using System.Threading;

        /// <summary>{{summary}}</summary>
        public sealed class {|#1:LinkPool|}
        {
            private readonly SemaphoreSlim _gate = new(1, 1);
            private readonly Stack<string> _idle = new();

            public string? Rent()
            {
                _gate.Wait();
                try { return _idle.TryPop(out var link) ? link : null; }
                finally { _gate.Release(); }
            }

            public void Return(string link)
            {
                _gate.Wait();
                try { _idle.Push(link); }
                finally { _gate.Release(); }
            }

            public void DropIdle() => {|#0:_idle.Clear()|};
        }
        """;

    /// <summary>
    /// Set z R13: "rents a link per request" says what the pool hands out for each request, not that the pool is made
    /// per request, so the pool's own lock still says its members run at once.
    /// </summary>
    [Fact]
    public Task Per_request_after_what_the_type_hands_out_does_not_make_the_type_per_request()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            LinkPool("Pool of links to the cabin controllers. The dispatch API rents a link per request."),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("_idle", "modified", "_gate", "in 'Rent' (2 of 3 accesses)", "'DropIdle' may run on several threads at once: 'LinkPool' synchronizes its own state ('Rent' locks '_gate')"));

    [Theory]
    [InlineData("Created per request by the container.")]
    [InlineData("One instance per request.")]
    public Task Per_request_after_a_word_of_lifetime_still_makes_the_type_per_request(string summary)
        => SharedStateSilence.VerifyNoRaceAsync(LinkPool(summary).Replace("{|#0:_idle.Clear()|}", "_idle.Clear()").Replace("{|#1:LinkPool|}", "LinkPool"));

    [Theory]
    [InlineData("This class is not thread-safe: create one per request.")]
    [InlineData("Not thread safe; each worker owns one.")]
    [InlineData("Used by one thread at a time, the import loop.")]
    public Task Type_documented_as_not_shared_is_left_alone_even_where_it_locks(string summary)
        => SharedStateSilence.VerifyNoRaceAsync($$"""
            using System.Collections.Generic;

            /// <summary>{{summary}}</summary>
            public sealed class Batch
            {
                private readonly object _sync = new object();
                private readonly List<string> _rows = new();

                public void Add(string row) { lock (_sync) { _rows.Add(row); } }
                public void Clear() => _rows.Clear();
            }
            """);

    [Fact]
    public Task Denied_sharing_phrase_does_not_declare_concurrency()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            /// <summary>Runs scheduled tasks in order and never concurrently; not shared by other schedulers.</summary>
            public sealed class OrderedRunner
            {
                private readonly List<string> _done = new();
                public void Run(string name) => _done.Add(name);
            }
            """);

    [Fact]
    public Task Undocumented_type_without_synchronization_is_still_not_assumed_concurrent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            /// <summary>Collects the rows of one report.</summary>
            public sealed class ReportBuilder
            {
                private readonly List<string> _rows = new();
                private int _count;
                public void Add(string row) { _rows.Add(row); _count++; }
            }
            """);

    private const string ServiceCollection = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public interface IServiceCollection { }

            public static class ServiceCollectionServiceExtensions
            {
                public static IServiceCollection AddSingleton<TService, TImplementation>(this IServiceCollection services)
                    where TService : class where TImplementation : class, TService => services;
                public static IServiceCollection AddSingleton<TService>(this IServiceCollection services) where TService : class => services;
                public static IServiceCollection AddScoped<TService>(this IServiceCollection services) where TService : class => services;
                public static IServiceCollection AddSingleton<TService>(this IServiceCollection services, TService implementationInstance) where TService : class => services;
            }
        }
        """;

    [Fact]
    public Task Type_registered_as_a_singleton_service_is_shared_by_every_request()
        => new CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Test
        {
            TestState =
            {
                Sources =
                {
                    ServiceCollection,
                    """
                    using System.Collections.Generic;
                    using Microsoft.Extensions.DependencyInjection;

                    public interface IVisitCounter { void Visit(string page); }

                    public sealed class VisitCounter : IVisitCounter
                    {
                        private readonly Dictionary<string, int> _visits = new();
                        public void Visit(string page) => [|_visits[page] = _visits.TryGetValue(page, out var n) ? n + 1 : 1|];
                    }

                    public sealed class NameRegistry
                    {
                        private readonly List<string> _names = new();
                        public void Add(string name) { if (!_names.Contains(name)) _names.Add(name); }
                    }

                    public sealed class ReportBuilder
                    {
                        private readonly List<string> _lines = new();
                        public void Add(string line) => _lines.Add(line);
                    }
                    """,
                    """
                    using Microsoft.Extensions.DependencyInjection;

                    // Registered in another file than the types it registers.
                    public static class Startup
                    {
                        public static void Configure(IServiceCollection services)
                        {
                            services.AddSingleton<IVisitCounter, VisitCounter>();
                            services.AddScoped<ReportBuilder>();

                            // An instance registered as it is: filled while the services are configured.
                            var names = new NameRegistry();
                            names.Add("default");
                            services.AddSingleton(names);
                        }
                    }
                    """,
                },
            },
        }.RunAsync(CancellationToken.None);

    // Set ag R06: request coalescing documented "Concurrent callers share one in-flight read", with no lock at all.
    private const string Coalescing = """
        using System.Collections.Concurrent;
        using System.Threading.Tasks;

        /// <summary>
        /// Provides the current ice report. Concurrent callers share one in-flight sensor read so the slow bridge is
        /// not hammered.
        /// </summary>
        public sealed class {|#1:IceConditions|}
        {
            private Task<double>? _inflight;

            public Task<double> GetAsync()
            {
                var existing = _inflight;
                if (existing != null)
                {
                    return existing;
                }

                var task = FetchAsync();
                {|#0:_inflight = task|};
                return task;
            }

            private async Task<double> FetchAsync()
            {
                try
                {
                    await Task.Delay(10).ConfigureAwait(false);
                    return 1.0;
                }
                finally
                {
                    _inflight = null;
                }
            }
        }
        """;

    [Fact]
    public Task Type_documented_as_used_by_concurrent_callers_updates_a_field_without_a_lock()
        => VerifyMutationAsync(
            Coalescing,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_inflight", "GetAsync", "'GetAsync' may run on several threads at once: 'IceConditions' is documented as shared (\"concurrent callers\")"));

    [Fact]
    public Task The_concurrent_collections_namespace_declares_nothing()
        => VerifyMutationAsync(Coalescing
            .Replace("Concurrent callers share one in-flight sensor read", "Each call reads the sensor")
            .Replace("{|#0:", string.Empty).Replace("= task|};", "= task;").Replace("{|#1:IceConditions|}", "IceConditions"));

    private const string SingletonClient = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Connection : IDisposable
        {
            public bool IsOpen { get; private set; } = true;
            public static async Task<Connection> OpenAsync(CancellationToken ct) { await Task.Delay(10, ct); return new Connection(); }
            public void Dispose() => IsOpen = false;
        }

        /// <summary>Registered as a singleton; the scheduler and the web panel send commands through it concurrently.</summary>
        public sealed class {|#1:MountClient|}
        {
            private Connection? _connection;

            private async Task<Connection> EnsureConnectedAsync(CancellationToken ct)
            {
                BODY
            }

            public async Task SlewAsync(CancellationToken ct) => await EnsureConnectedAsync(ct);

            public async Task GuideAsync(CancellationToken ct) => await EnsureConnectedAsync(ct);
        }
        """;

    /// <summary>
    /// Set ar R16: "registered as a singleton; … send commands through it concurrently": "concurrently" names who shares
    /// it, as "every caller" does, so the connection it checks and replaces across an await is shared by its callers.
    /// </summary>
    [Fact]
    public Task Singleton_whose_callers_send_concurrently_replaces_its_connection()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(SingletonClient.Replace("BODY", """
            var current = _connection;
            if (current is { IsOpen: true }) return current;
            current?.Dispose();
            var fresh = await Connection.OpenAsync(ct);
            {|#0:_connection = fresh|};
            return fresh;
            """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_connection", "EnsureConnectedAsync",
                "'EnsureConnectedAsync' may run on several threads at once: 'MountClient' is documented as shared (\"registered as a singleton\")"));

    /// <summary>
    /// Set as R09: "registered as a singleton so that all page handlers share one open connection": the handlers are who
    /// shares it, so the connection opened on first use across an await is theirs at once.
    /// </summary>
    [Fact]
    public Task Singleton_shared_by_page_handlers_opens_its_connection_once()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Connection
            {
                public bool IsOpen { get; private set; }
                public async Task OpenAsync(CancellationToken ct) { await Task.Delay(10, ct); IsOpen = true; }
            }

            /// <summary>Registered as a singleton so that all page handlers share one open connection.</summary>
            public sealed class {|#1:CatalogueDatabase|}
            {
                private Connection? _connection;

                public async Task<Connection> GetOpenConnectionAsync(CancellationToken ct)
                {
                    if (_connection is null)
                    {
                        var connection = new Connection();
                        await connection.OpenAsync(ct);
                        {|#0:_connection = connection|};
                    }

                    return _connection;
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_connection", "GetOpenConnectionAsync",
                "'GetOpenConnectionAsync' may run on several threads at once: 'CatalogueDatabase' is documented as shared (\"registered as a singleton\")"));

    /// <summary>
    /// Set ax C08: "each group creates its own checker; the table is shared by all of them" says who shares the table,
    /// not the checker, so the checker's own list is not declared shared.
    /// </summary>
    [Fact]
    public Task A_clause_that_gives_each_user_its_own_object_names_no_actor_for_the_sharing_in_the_next()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            /// <summary>
            /// Warns foragers about lookalikes. Each foraging group creates its own checker; the warning table is
            /// loaded once and shared by all of them.
            /// </summary>
            public sealed class LookalikeChecker
            {
                private static readonly Dictionary<string, string> Table = new Dictionary<string, string>();
                private readonly List<string> _issued = new List<string>();

                public void Check(string species)
                {
                    if (Table.TryGetValue(species, out var warning))
                    {
                        _issued.Add(warning);
                    }
                }
            }
            """);

    [Fact]
    public Task The_same_sharing_sentence_without_the_own_clause_still_declares_the_type_shared()
        => VerifyMutationAsync("""
            /// <summary>
            /// Counts warnings. One checker is shared by all foraging groups at once.
            /// </summary>
            public sealed class {|#1:LookalikeChecker|}
            {
                private int _issued;

                public void Check() => {|#0:_issued++|};
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_issued", "Check", "'Check' may run on several threads at once: 'LookalikeChecker' is documented as shared (\"shared by\")"));

    /// <summary>
    /// Set bb R08: a debouncer documented as called from request handlers cancels what its field holds and stores a
    /// new source before it starts the delayed run. It is made to be called again and again, so the code before the
    /// start is the callers', not set-up: two saves at once cancel the same source and one new source is never cancelled.
    /// </summary>
    [Fact]
    public Task Debouncer_called_from_request_handlers_replaces_its_pending_source_without_a_lock()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Debouncer("is called from the portal's request handlers whenever a menu is saved", "[|_pending = cts|];"));

    /// <summary>The same debouncer swapping its source with <c>Interlocked.Exchange</c> retires every source it replaces.</summary>
    [Fact]
    public Task Debouncer_that_exchanges_its_pending_source_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Debouncer("is called from the portal's request handlers whenever a menu is saved", "Interlocked.Exchange(ref _pending, cts)?.Cancel();").Replace("        _pending?.Cancel();\n", ""));

    /// <summary>Without documentation that callers share it, a start that first stops the previous run is a plain start.</summary>
    [Fact]
    public Task Debouncer_not_documented_as_shared_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Debouncer("runs the rebuild", "_pending = cts;"));

    private static string Debouncer(string summary, string store) => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        /// <summary>
        /// Rebuilds the stall map a while after the last menu change. <see cref="NotifyMenuChanged"/> {{summary}}.
        /// </summary>
        public sealed class RebuildDebouncer
        {
            private readonly Func<CancellationToken, Task> _rebuild;
            private CancellationTokenSource? _pending;

            public RebuildDebouncer(Func<CancellationToken, Task> rebuild) => _rebuild = rebuild;

            public void NotifyMenuChanged()
            {
                _pending?.Cancel();
                var cts = new CancellationTokenSource();
                {{store}}
                _ = RunLaterAsync(cts.Token);
            }

            private async Task RunLaterAsync(CancellationToken token)
            {
                try
                {
                    await Task.Delay(500, token);
                    await _rebuild(token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        """;
}
