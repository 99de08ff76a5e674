package archfixture.broken;

/** Breaks "no class at the service's root package". */
public class OrderLeftover {
}
