package org.icl.api.autodiff;

/** A scalar function applied entry by entry, with its derivative for the backward pass. */
public interface Elementwise {

    /** The function's value at x. */
    double apply(double x);

    /** Derivative at x, given also y = apply(x) (cheaper for functions like tanh). */
    double derivative(double x, double y);

    /** The hyperbolic tangent. */
    Elementwise TANH = new Elementwise() {
        public double apply(double x) {
            return Math.tanh(x);
        }

        public double derivative(double x, double y) {
            return 1 - y * y;
        }
    };

    /** max(x, 0), with derivative 0 at 0. */
    Elementwise RELU = new Elementwise() {
        public double apply(double x) {
            return x > 0 ? x : 0;
        }

        public double derivative(double x, double y) {
            return x > 0 ? 1 : 0;
        }
    };

    /** x². */
    Elementwise SQUARE = new Elementwise() {
        public double apply(double x) {
            return x * x;
        }

        public double derivative(double x, double y) {
            return 2 * x;
        }
    };

    /** eˣ. */
    Elementwise EXP = new Elementwise() {
        public double apply(double x) {
            return Math.exp(x);
        }

        public double derivative(double x, double y) {
            return y;
        }
    };
}
