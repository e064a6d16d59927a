using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>One handler subscribed to an event: <c>x.E += M</c>, <c>E += this.M</c> or <c>E += (s, e) => …</c>.</summary>
internal sealed class EventSubscription
{
    public EventSubscription(IOperation handler, ISymbol? owner, INamedTypeSymbol? subscriberType, string subscriberName)
    {
        Handler = handler;
        Owner = owner;
        SubscriberType = subscriberType;
        SubscriberName = subscriberName;
    }

    /// <summary>The handler: an <see cref="IMethodReferenceOperation"/> or an <see cref="IAnonymousFunctionOperation"/>.</summary>
    public IOperation Handler { get; }

    /// <summary>
    /// The object the handler runs on as <c>this</c>: one object for every raise, so its fields are shared by all the
    /// raises that run at once. The subscriber's containing type stands for its <c>this</c> (as in the walker); null
    /// for a static method or a lambda in a static member.
    /// </summary>
    public ISymbol? Owner { get; }

    /// <summary>The type whose member subscribes: a lambda's <c>this</c> and its locks belong to it.</summary>
    public INamedTypeSymbol? SubscriberType { get; }

    /// <summary>The member that subscribes, for messages about a lambda handler.</summary>
    public string SubscriberName { get; }
}

/// <summary>
/// Finds the handlers subscribed to an event anywhere in the compilation, so that code which raises the event on
/// several threads can be followed into every handler it runs.
/// </summary>
/// <remarks>
/// Subscriptions are found from syntax first: only files whose text holds the event's name are walked, and only a
/// <c>+=</c> whose left side names the event (<c>E</c>, <c>x.E</c>) is bound. The answer is kept per event for the
/// life of one model (one document's analysis), so a raise reached from many places costs one search.
/// </remarks>
internal sealed class EventSubscriptions
{
    /// <summary>A bound on the subscriptions followed per event: a widely used event would otherwise pull in half the program.</summary>
    private const int MaxSubscriptions = 16;

    private readonly Compilation _compilation;
    private readonly Func<SyntaxTree, SemanticModel> _semanticModels;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<IEventSymbol, List<EventSubscription>> _byEvent = new(SymbolEqualityComparer.Default);

    public EventSubscriptions(Compilation compilation, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _semanticModels = semanticModels;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The event a delegate invocation raises (<c>E(…)</c>, <c>E?.Invoke(…)</c>, or <c>var h = E; h?.Invoke(…)</c>) and
    /// the object it is raised on (null for a static event).
    /// </summary>
    public (IEventSymbol Event, IOperation? Instance)? RaisedEvent(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke || invocation.Instance is not { } receiver)
        {
            return null;
        }

        if (receiver is IConditionalAccessInstanceOperation)
        {
            // 'E?.Invoke(…)': the receiver is the operand of the nearest enclosing '?.'.
            receiver = NearestConditionalAccess(invocation)?.Operation ?? receiver;
        }

        receiver = ConcurrentEntryFinder.Strip(receiver);
        return receiver switch
        {
            IEventReferenceOperation reference => (reference.Event, reference.Instance),
            ILocalReferenceOperation local => CopiedEvent(local.Local),
            _ => null,
        };
    }

    /// <summary>The handlers of <paramref name="raised"/> (at most <see cref="MaxSubscriptions"/>).</summary>
    public IReadOnlyList<EventSubscription> Of(IEventSymbol raised)
    {
        raised = raised.OriginalDefinition;
        if (_byEvent.TryGetValue(raised, out var found))
        {
            return found;
        }

        found = new List<EventSubscription>();
        _byEvent[raised] = found;
        if (raised.DeclaringSyntaxReferences.IsEmpty)
        {
            return found; // an event of a referenced assembly: raised by that assembly, not by code we walk
        }

        var name = raised.Name;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var text = SourceWords.TextOf(tree.GetText(_cancellationToken));
            if (!SourceWords.MayHold(text, name))
            {
                continue; // a name with a letter outside ASCII is always searched
            }

            SyntaxNode? root = null;
            foreach (var at in WordPositions(text, name))
            {
                // Only the assignments whose target is written with the name: 'E += h' or 'x.E += h'.
                root ??= tree.GetRoot(_cancellationToken);
                if (AddAssignmentAt(root.FindToken(at), at) is { } assignment
                    && Subscription(assignment, raised) is { } subscription)
                {
                    found.Add(subscription);
                    if (found.Count == MaxSubscriptions)
                    {
                        return found;
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The <c>+=</c> whose target is the name written at <paramref name="token"/>, if the token holds <paramref name="position"/>.</summary>
    private static AssignmentExpressionSyntax? AddAssignmentAt(SyntaxToken token, int position)
    {
        if (!token.Span.Contains(position) || token.Parent is not IdentifierNameSyntax name)
        {
            return null;
        }

        ExpressionSyntax target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return target.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } assignment && assignment.Left == target
            ? assignment
            : null;
    }

    private EventSubscription? Subscription(AssignmentExpressionSyntax assignment, IEventSymbol raised)
    {
        var semanticModel = _semanticModels(assignment.SyntaxTree);
        if (semanticModel.GetOperation(assignment, _cancellationToken) is not IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation reference } subscription
            || !SymbolEqualityComparer.Default.Equals(reference.Event.OriginalDefinition, raised))
        {
            return null;
        }

        var subscriber = semanticModel.GetEnclosingSymbol(assignment.SpanStart, _cancellationToken);
        while (subscriber is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            subscriber = subscriber.ContainingSymbol;
        }

        var subscriberType = subscriber?.ContainingType;
        var subscriberThis = subscriber is { IsStatic: false } ? subscriberType : null;
        var subscriberName = subscriber switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor => constructor.ContainingType.Name,
            IMethodSymbol { AssociatedSymbol: { } associated } => associated.Name,
            null => "?",
            _ => subscriber.Name,
        };

        var handler = subscription.HandlerValue;
        while (handler is IConversionOperation or IDelegateCreationOperation)
        {
            handler = handler is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)handler).Target;
        }

        return handler switch
        {
            IMethodReferenceOperation { Method.IsStatic: true } method => new EventSubscription(method, null, subscriberType, subscriberName),
            IMethodReferenceOperation method => new EventSubscription(method, OwnerOf(method), subscriberType, subscriberName),
            IAnonymousFunctionOperation lambda => new EventSubscription(lambda, subscriberThis, subscriberType, subscriberName),
            _ => null, // a delegate held in a variable: which method it is, we do not know
        };

        ISymbol? OwnerOf(IMethodReferenceOperation method)
        {
            var instance = method.Instance is null ? null : ConcurrentEntryFinder.Strip(method.Instance);
            return instance switch
            {
                IInstanceReferenceOperation => subscriberThis,
                IFieldReferenceOperation field => field.Field.OriginalDefinition,
                IPropertyReferenceOperation property => property.Property.OriginalDefinition,
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,

                // Some other object: still one object for all the raises, so it stands for itself.
                _ => method.Method.OriginalDefinition,
            };
        }
    }

    /// <summary>
    /// The event a local was copied from, when its declaration is <c>var handler = E;</c> or
    /// <c>var handler = Volatile.Read(ref E);</c>.
    /// </summary>
    private (IEventSymbol, IOperation?)? CopiedEvent(ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value }
            || (NamedMember(value) is null && value is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 })
            || _semanticModels(value.SyntaxTree).GetOperation(value, _cancellationToken) is not { } initializer)
        {
            return null;
        }

        initializer = ConcurrentEntryFinder.Strip(initializer);
        if (initializer is IInvocationOperation { TargetMethod: { Name: "Read", ContainingType.Name: "Volatile" }, Arguments.Length: 1 } read)
        {
            initializer = ConcurrentEntryFinder.Strip(read.Arguments[0].Value);
        }

        return initializer switch
        {
            IEventReferenceOperation reference => (reference.Event, reference.Instance),
            IFieldReferenceOperation { Field.AssociatedSymbol: IEventSymbol backed } field => (backed, field.Instance), // 'ref E' names the event's field
            _ => null,
        };
    }

    /// <summary>
    /// Where <paramref name="text"/> holds <paramref name="word"/> as a whole word. A vectorized search for the name
    /// beats walking every node of every file that holds it (an event named 'Closed' or 'Changed' is in many); a
    /// subscription spelled with a Unicode escape is missed (such code is not written by hand).
    /// </summary>
    private static IEnumerable<int> WordPositions(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end])))
            {
                yield return at;
            }
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    internal static IConditionalAccessOperation? NearestConditionalAccess(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation conditional)
            {
                return conditional;
            }
        }

        return null;
    }

    /// <summary>The member name an expression ends in: <c>E</c>, <c>x.E</c>, <c>this.E</c>.</summary>
    private static string? NamedMember(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };
}
