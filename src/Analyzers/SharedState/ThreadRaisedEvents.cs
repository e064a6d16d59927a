using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Events that their own type raises on a thread it starts: in the body of a <c>new Thread(…)</c>, a
/// <c>Task.Run</c>/<c>Task.Factory.StartNew</c>, a <c>ThreadPool.QueueUserWorkItem</c> or a timer callback, or in a
/// method of the type that such a body calls. A handler another class subscribes to one runs on that thread, beside
/// whatever the subscriber's own callers do (set bg R14, a broom sensor's reader thread that raises each stroke while
/// the simulation loop steps the stone).
/// </summary>
/// <remarks>
/// Read from syntax only, per tree, and kept per tree (an IDE's compilations share unchanged trees); the compilation's
/// list is the union. A subscriber's file binds a subscription only when its text names one of these events.
/// </remarks>
internal static class ThreadRaisedEvents
{
    private static readonly ConditionalWeakTable<SyntaxTree, (string Type, string Event)[]> RaisedPerTree = new();

    private static readonly OncePerCompilation<string[]> NamesPerCompilation = new(FindNames);

    private static readonly string[] EventWord = ["event"];

    /// <summary>The calls and creations whose delegate argument runs on another thread.</summary>
    private static readonly HashSet<string> StartNames = new(StringComparer.Ordinal) { "Run", "StartNew", "QueueUserWorkItem", "UnsafeQueueUserWorkItem" };

    private static readonly HashSet<string> StartedTypes = new(StringComparer.Ordinal) { "Thread", "Timer" };

    /// <summary>The names of the compilation's events raised on a thread their type starts, sorted.</summary>
    public static string[] Names(Compilation compilation, CancellationToken cancellationToken) => NamesPerCompilation.Get(compilation, cancellationToken);

    private static string[] FindNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var raised in RaisedIn(tree, cancellationToken))
            {
                names.Add(raised.Event);
            }
        }

        return names.ToArray();
    }

    /// <summary>Whether <paramref name="subscribed"/> is one of the events its type raises on a thread it starts.</summary>
    public static bool IsRaisedOnStartedThread(IEventSymbol subscribed, CancellationToken cancellationToken)
    {
        foreach (var reference in subscribed.DeclaringSyntaxReferences)
        {
            foreach (var raised in RaisedIn(reference.SyntaxTree, cancellationToken))
            {
                if (raised.Event == subscribed.Name && raised.Type == subscribed.ContainingType.Name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The subscriptions in <paramref name="root"/> (<c>sensor.Stroke += OnStroke</c>) whose event has one of
    /// <paramref name="names"/>; bound by the caller.
    /// </summary>
    public static IEnumerable<AssignmentExpressionSyntax> Subscriptions(SyntaxNode root, SourceText source, string[] names)
    {
        var text = SourceWords.TextOf(source);
        foreach (var at in SourceWords.Occurrences(text, names))
        {
            if (root.FindToken(at).Parent is IdentifierNameSyntax name
                && (name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name) is var target
                && target.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } subscription
                && subscription.Left == target)
            {
                yield return subscription;
            }
        }
    }

    /// <summary>The events, by their type's name and their own, that a type of <paramref name="tree"/> raises on a thread it starts.</summary>
    private static (string Type, string Event)[] RaisedIn(SyntaxTree tree, CancellationToken cancellationToken)
        => RaisedPerTree.GetValue(tree, t =>
        {
            var text = t.GetText(cancellationToken);
            if (!SourceWords.Any(text, EventWord) || !ConcurrentEntryFinder.MayContainCandidates(text))
            {
                return [];
            }

            var found = new List<(string Type, string Event)>();
            foreach (var type in t.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                         .OfType<TypeDeclarationSyntax>())
            {
                var events = EventNames(type);
                if (events.Count == 0)
                {
                    continue;
                }

                foreach (var region in StartedRegions(type))
                {
                    foreach (var name in region.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                    {
                        if (events.Contains(name.Identifier.ValueText) && IsRaise(name))
                        {
                            found.Add((type.Identifier.ValueText, name.Identifier.ValueText));
                        }
                    }
                }
            }

            return found.Distinct().ToArray();
        });

    private static HashSet<string> EventNames(TypeDeclarationSyntax type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in type.Members)
        {
            switch (member)
            {
                case EventFieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        names.Add(variable.Identifier.ValueText);
                    }

                    break;
                case EventDeclarationSyntax declared:
                    names.Add(declared.Identifier.ValueText);
                    break;
            }
        }

        return names;
    }

    /// <summary>
    /// A mention of the event that reads its delegate (<c>Stroke?.Invoke(x)</c>, <c>Stroke(x)</c>,
    /// <c>var handler = Stroke;</c>), not one that subscribes, unsubscribes or names it (<c>nameof(Stroke)</c>).
    /// </summary>
    private static bool IsRaise(IdentifierNameSyntax name)
    {
        ExpressionSyntax mention = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : name;
        return !(mention.Parent is AssignmentExpressionSyntax assignment && assignment.Left == mention)
               && mention.Parent is not ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } };
    }

    /// <summary>
    /// The code of <paramref name="type"/> that runs on a thread the type starts: the lambdas given to a start, and
    /// the bodies of the type's methods that a start names or that started code calls by name, followed to a fixed point.
    /// </summary>
    private static List<SyntaxNode> StartedRegions(TypeDeclarationSyntax type)
    {
        var methods = new Dictionary<string, List<MethodDeclarationSyntax>>(StringComparer.Ordinal);
        foreach (var method in type.Members.OfType<MethodDeclarationSyntax>())
        {
            if (!methods.TryGetValue(method.Identifier.ValueText, out var overloads))
            {
                methods[method.Identifier.ValueText] = overloads = [];
            }

            overloads.Add(method);
        }

        var regions = new List<SyntaxNode>();
        var started = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>();
        foreach (var argument in type.DescendantNodes().OfType<ArgumentSyntax>())
        {
            if (!IsStartArgument(argument))
            {
                continue;
            }

            switch (argument.Expression)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    regions.Add(lambda);
                    Called(lambda);
                    break;
                case IdentifierNameSyntax { Identifier.ValueText: var named } when methods.ContainsKey(named) && started.Add(named):
                    pending.Enqueue(named);
                    break;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: var member } when methods.ContainsKey(member) && started.Add(member):
                    pending.Enqueue(member);
                    break;
            }
        }

        while (pending.Count > 0)
        {
            foreach (var method in methods[pending.Dequeue()])
            {
                if (((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } body)
                {
                    regions.Add(body);
                    Called(body);
                }
            }
        }

        return regions;

        void Called(SyntaxNode region)
        {
            foreach (var call in region.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = call.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
                    _ => null,
                };
                if (name is not null && methods.ContainsKey(name) && started.Add(name))
                {
                    pending.Enqueue(name);
                }
            }
        }
    }

    private static bool IsStartArgument(ArgumentSyntax argument)
        => argument.Parent?.Parent switch
        {
            InvocationExpressionSyntax call => ConcurrentEntryFinder.InvokedName(call.Expression) is { } name && StartNames.Contains(name),
            ObjectCreationExpressionSyntax creation => creation.Type switch
            {
                SimpleNameSyntax simple => StartedTypes.Contains(simple.Identifier.ValueText),
                QualifiedNameSyntax qualified => StartedTypes.Contains(qualified.Right.Identifier.ValueText),
                _ => false,
            },
            _ => false,
        };
}
