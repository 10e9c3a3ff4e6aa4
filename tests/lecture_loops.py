"""Independent transcriptions of the lectures' own code (../shared/seeds), kept as the
notebooks wrote them — global np.random calls included — so gdanim is checked against them."""
import numpy as np

# --- CS 189, Lecture 12 ------------------------------------------------------------------------


def gradient_descent(w_0, gradient, learning_rate=1, nepochs=10, epsilon=1e-6):
    w_old = w_0
    path = [w_old]
    for e in range(nepochs):
        w = w_old - learning_rate * gradient(w_old)
        path.append(w)
        if np.linalg.norm(w - w_old) < epsilon: break
        w_old = w
    return np.array(path)


def gd_momentum(w_0, gradient, learning_rate=1, nepochs=10, epsilon=1e-6, momentum=0.9):
    w_old = w_0
    path = [w_old]
    v = np.zeros_like(w_old)
    for e in range(nepochs):
        g = gradient(w_old)
        v = momentum * v - learning_rate * g
        w = w_old + v
        path.append(w)
        if np.linalg.norm(w - w_old) < epsilon: break
        w_old = w
    return np.array(path)


H_bad = np.array([[.1, 0], [0, 1]])


def quad(w):
    return np.sum((w @ H_bad) * w, 1)


def grad_quad(w):
    return np.array(w @ H_bad * 2)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def logistic_model(w, x):
    z = w @ x.T
    return sigmoid(z)


def cancer_data(csv_path):
    """The lecture's StandardScaler on mean radius and mean texture, done by hand."""
    raw = np.genfromtxt(csv_path, delimiter=",", skip_header=1)
    x = raw[:, :2]
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    return {"x": x, "t": raw[:, 2].astype(float)}


def neg_log_likelihood(w, cancer):
    x = cancer['x']
    t = cancer['t']
    z = w @ x.T
    softplus_z = np.logaddexp(0, z)
    return np.mean(softplus_z - t * z)


def grad_NLL(w, cancer):
    p = logistic_model(w, cancer['x'])
    grad = np.mean((p - cancer['t']).reshape(-1, 1) * cancer['x'], 0)
    return grad


def hessian_NLL(w, cancer):
    x = cancer['x']
    p = logistic_model(w, x)
    hessian = (x.T @ np.diag(p * (1 - p)) @ x) / len(p)
    return hessian


def sine_data():
    sine = dict()
    np.random.seed(42)
    sine['n'] = 200
    sine['x'] = np.random.rand(sine['n']) * 2.5 * np.pi
    sine['x'] = np.sort(sine['x'])
    sine['y'] = np.sin(1.1 + 2.5 * sine['x']) + 0.5 * np.random.randn(sine['n'])
    return sine


def sine_model(w, x):
    return np.sin(w[0] + x * w[1])


def sine_MSE(w, sine):
    x = sine['x']
    y = sine['y']
    y_hat = sine_model(w, x)
    return np.mean((y - y_hat) ** 2)


def grad_sine_MSE(w, sine):
    x = sine['x']
    y = sine['y']
    y_hat = sine_model(w, x)
    grad_w0 = -2 * np.mean((y - y_hat) * np.cos(w[0] + w[1] * x))
    grad_w1 = -2 * np.mean((y - y_hat) * x * np.cos(w[0] + w[1] * x))
    return np.array([grad_w0, grad_w1])


def hessian_sine_MSE(w, sine):
    x = sine['x']
    y = sine['y']
    dw0dw0 = 2 * np.mean(np.cos(w[0] + w[1] * x)**2 +
                (y - np.sin(w[0] + w[1] * x)) * np.sin(w[0] + w[1] * x))
    dw0dw1 = 2 * np.mean(x * np.cos(w[0] + w[1] * x)**2 +
                x * (y - np.sin(w[0] + w[1] * x)) * np.sin(w[0] + w[1] * x))
    dw1dw1 = 2 * np.mean(x**2 * np.cos(w[0] + w[1] * x)**2 +
                (x**2) * (y - np.sin(w[0] + w[1] * x)) * np.sin(w[0] + w[1] * x))
    hessian = np.array([[dw0dw0, dw0dw1], [dw0dw1, dw1dw1]])
    return hessian


# --- Gradient descent in depth (F. Fund) --------------------------------------------------------


def generate_linear_regression_data(n=100, d=1, coef=[5], intercept=1, sigma=0):
    x = np.random.randn(n, d)
    y = (np.dot(x, coef) + intercept).squeeze() + sigma * np.random.randn(n)
    return x, y


def correlated_data(n_samples=1000, d=1, sigma=1, coef=(5, 4), intercept=2):
    x1 = np.random.randn(n_samples, d)
    x2 = x1 + (sigma/5)*np.random.randn(n_samples, 1)
    x = np.column_stack([x1, x2])
    y = (np.dot(x, coef) + intercept).squeeze() + sigma * np.random.randn(n_samples)
    return x, y


def gd_step(w, X, y, lr):
    y_hat = np.dot(X, w)
    error = y_hat - y
    grad = np.matmul(X.T, error)
    w_new = w - (lr/X.shape[0])*grad
    mse = np.mean(error**2, axis=0)
    return (w_new, mse, grad)


def sgd_step(w, X, y, lr, n):
    idx_sample = np.random.choice(X.shape[0], n, replace=True)
    X_sample = X[idx_sample, :]
    y_sample = y[idx_sample]
    y_hat = np.dot(X_sample, w)
    error = y_hat-y_sample
    grad = np.matmul(X_sample.T, error)
    w_new = w - (lr/n)*grad
    mse = np.mean((y-np.dot(X, w))**2, axis=0)
    return (w_new, mse, grad)


def gd_step_momentum(w, X, y, lr, eta, v):
    y_hat = np.dot(X, w)
    error = y_hat - y
    grad = np.matmul(X.T, error)
    v_new = eta * v - (lr / X.shape[0]) * grad
    w_new = w - (lr / X.shape[0]) * grad + eta * v_new
    mse = np.mean(error**2, axis=0)
    return (w_new, mse, grad, v_new)


def run_steps(step, w_init, itr, *args):
    """The notebook's loop: w_steps[i] is w after step i, mse_steps[i] the MSE before it."""
    w_steps = np.zeros((itr, len(w_init)))
    mse_steps = np.zeros(itr)
    grad_steps = np.zeros((itr, len(w_init)))
    w_star = w_init
    for i in range(itr):
        w_star, mse, gradient = step(w_star, *args)
        w_steps[i] = w_star
        mse_steps[i] = mse
        grad_steps[i] = gradient
    return w_steps, mse_steps, grad_steps


# --- The blog post ------------------------------------------------------------------------------


def blog_loop():
    old_min = 0
    temp_min = 15
    step_size = 0.01
    precision = 0.001

    def f_derivative(x):
        return 2*x - 6

    mins = []
    cost = []
    while abs(temp_min - old_min) > precision:
        old_min = temp_min
        gradient = f_derivative(old_min)
        move = gradient * step_size
        temp_min = old_min - move
        cost.append((3-temp_min)**2)
        mins.append(temp_min)
    return mins, cost, temp_min


# --- ML1 notebook -------------------------------------------------------------------------------


def ml1_data():
    n_samples = 20
    x = np.linspace(0, 5, n_samples)
    y_true = 2 * x + 1
    noise = np.random.normal(0, 0.8, n_samples)
    y = y_true + noise
    return x, y


def ml1_step_gd(x, y, n_steps, w0=0.0, b0=0.0, lr=0.05):
    def model(w, b, x):
        return w * x + b

    def mse_loss(y, yhat):
        return np.mean((y - yhat) ** 2)

    def grad_wrt_w(yhat, x, y):
        return (1/len(y)) * np.sum((yhat - y) * x)

    def grad_wrt_b(yhat, x, y):
        return (1/len(y)) * np.sum(yhat - y)

    state = {"w": w0, "b": b0, "lr": lr, "history": [], "step": 0}
    for _ in range(n_steps):
        yhat = model(state['w'], state['b'], x)
        grad_w = grad_wrt_w(yhat, x, y)
        grad_b = grad_wrt_b(yhat, x, y)
        loss = mse_loss(y, yhat)
        state["w"] -= state["lr"] * grad_w
        state["b"] -= state["lr"] * grad_b
        state["step"] += 1
        state["history"].append((state["step"], loss, state["w"], state["b"]))
    return state["history"]


def blog_gradient_descent(x, y, iters, alpha, theta):
    """The blog's In[8], with its unseeded ``theta = np.random.rand(2)`` passed in."""
    costs = []
    m = y.size
    history = [theta]
    preds = []
    for i in range(iters):
        pred = np.dot(x, theta)
        error = pred - y
        cost = np.sum(error ** 2) / (2 * m)
        costs.append(cost)

        if i % 25 == 0: preds.append(pred)

        gradient = x.T.dot(error)/m
        theta = theta - alpha * gradient
        history.append(theta)

    return history, costs, preds


def blog_linregress(x, y):
    """scipy.stats.linregress's slope and intercept, by the textbook formulas."""
    xm, ym = x.mean(), y.mean()
    slope = np.sum((x - xm) * (y - ym)) / np.sum((x - xm) ** 2)
    return slope, ym - slope * xm


# --- The workshop -------------------------------------------------------------------------------


def workshop_sample():
    np.random.seed(42)
    X = np.random.normal(loc=2, scale=0.3, size=(1000, 1))
    heights = np.random.rand(len(X), 1)
    return X, heights


def workshop_mse(X, m):
    return np.sum(np.square((m - X)))/len(X)


def workshop_gd(eta=0.1, n_iterations=10):
    """The workshop's loop with its garbled line ``gradients = 2/m * - y)`` read as the formula
    printed above it, 2/m · Xᵀ(Xw − y), and ``w_old`` filled as the plot expects. Its task "what
    happens when you alter the learning rate / the number of iterations?" changes the two
    settings, here arguments (the workshop's own values by default)."""
    np.random.seed(42)
    X = 2 * np.random.rand(50, 1)
    X_b = np.c_[np.ones((50, 1)), X]
    y = 8 + 6 * X + np.random.randn(50, 1)

    m = len(X)

    w = np.random.randn(2, 1)
    w_old = [w]
    for iteration in range(n_iterations):
        gradients = 2/m * X_b.T.dot(X_b.dot(w) - y)
        w = w - eta * gradients
        w_old.append(w)
    return X, y, np.array(w_old)[:, :, 0]


# --- CS 189's Slido cells -----------------------------------------------------------------------


def slido_nll_as_printed(ws, x):
    """In[33] as printed: log1p(exp(−w·x)) − t·w·x, the sign of the softplus flipped."""
    return lambda t: np.array([np.mean(np.log1p(np.exp(-w*x)) - t * (w*x)) for w in ws])


def slido_offset_nll(ws, x, t, offset=3):
    """In[35]: the model σ(w[1]·(x + offset) + w[0])."""
    return np.array([np.mean(np.mean(np.logaddexp(0, w[1]*(x+offset) + w[0])) - t * (w[1]*(x+offset) + w[0]))
                     for w in ws])
